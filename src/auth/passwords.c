/* Password hashing with libsodium's argon2id. */
#include <string.h>
#include <strings.h>

#include "auth/auth.h"
#include "http/decode.h"
#include "util/log.h"

int password_hash_cost(const char *pw, unsigned long long opslimit,
                       size_t memlimit, char out[PASSWORD_HASH_MAX])
{
	if (sodium_init() < 0)
		return -1;
	return crypto_pwhash_str_alg(out, pw, strlen(pw), opslimit, memlimit,
	                             crypto_pwhash_ALG_ARGON2ID13) == 0
	           ? 0
	           : -1;
}

int password_hash(const char *pw, char out[PASSWORD_HASH_MAX])
{
	return password_hash_cost(pw, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                          crypto_pwhash_MEMLIMIT_INTERACTIVE, out);
}

int password_verify(const char *hash, const char *pw)
{
	if (sodium_init() < 0 || hash == NULL || pw == NULL ||
	    strlen(hash) >= PASSWORD_HASH_MAX)
		return 0;
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

void password_verify_dummy(const char *pw)
{
	static char dummy[PASSWORD_HASH_MAX]; /* made once per process */

	if (dummy[0] == '\0') {
		char secret[TOKEN_CHARS + 1];

		token_new(secret, NULL);
		if (password_hash(secret, dummy) < 0) {
			dummy[0] = '\0';
			return;
		}
	}
	(void)password_verify(dummy, pw);
}

int password_needs_rehash(const char *hash)
{
	if (sodium_init() < 0 || hash == NULL ||
	    strncmp(hash, "$argon2id$", 10) != 0)
		return 1;
	return crypto_pwhash_str_needs_rehash(
	           hash, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	           crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0;
}

const char *password_policy(const char *pw, const char *username)
{
	size_t chars = 0, n;

	if (pw == NULL || *pw == '\0')
		return "パスワードを入力してください。";
	n = strlen(pw);
	if (n > PASSWORD_MAX_BYTES)
		return "パスワードが長すぎます（1024バイトまで）。";
	if (!utf8_valid(pw, n))
		return "パスワードに使えない文字が含まれています。";
	for (const unsigned char *p = (const unsigned char *)pw; *p; p++) {
		if (*p < 0x20 || *p == 0x7F)
			return "パスワードに改行などの制御文字は使えません。";
		if ((*p & 0xC0) != 0x80)
			chars++;
	}
	if (chars < PASSWORD_MIN_CHARS)
		return "パスワードは10文字以上にしてください。";
	if (username != NULL && strcasecmp(pw, username) == 0)
		return "ユーザー名と同じパスワードは使えません。";
	return NULL;
}
