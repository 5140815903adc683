/* Random tokens for sessions and CSRF, their encoding and comparison. */
#include <string.h>

#include "auth/auth.h"
#include "util/log.h"

void token_new(char out[TOKEN_CHARS + 1], unsigned char raw[TOKEN_BYTES])
{
	unsigned char buf[TOKEN_BYTES];

	if (sodium_init() < 0) /* idempotent; random bytes work regardless */
		log_err("sodium_init failed");
	randombytes_buf(buf, sizeof(buf));
	sodium_bin2base64(out, TOKEN_CHARS + 1, buf, sizeof(buf),
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	if (raw != NULL)
		memcpy(raw, buf, sizeof(buf));
	sodium_memzero(buf, sizeof(buf));
}

int token_decode(const char *s, unsigned char raw[TOKEN_BYTES])
{
	size_t len = 0;
	const char *end = NULL;

	if (s == NULL || strlen(s) != TOKEN_CHARS)
		return -1;
	if (sodium_base642bin(raw, TOKEN_BYTES, s, TOKEN_CHARS, NULL, &len,
	                      &end,
	                      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    len != TOKEN_BYTES || end != s + TOKEN_CHARS)
		return -1;
	return 0;
}

void token_hash(const unsigned char raw[TOKEN_BYTES],
                unsigned char out[TOKEN_HASH_BYTES])
{
	crypto_generichash(out, TOKEN_HASH_BYTES, raw, TOKEN_BYTES, NULL, 0);
}

int token_equal(const char *a, const char *b)
{
	size_t n;

	if (a == NULL || b == NULL)
		return 0;
	n = strlen(a);
	if (n == 0 || n != strlen(b))
		return 0;
	return sodium_memcmp(a, b, n) == 0;
}
