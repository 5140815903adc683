/* Field validators. */
#include "util/validate.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "view/format.h"

size_t utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* Length check shared by the text validators. */
static const char *check_len(struct arena *a, const struct field *f,
                             const char *raw)
{
	size_t n = utf8_chars(raw);

	if (f->max > 0 && n > (size_t)f->max)
		return arena_printf(
		    a, "%sは%lld文字以内で入力してください（現在%zu文字）。",
		    f->label, f->max, n);
	if (f->min > 0 && n < (size_t)f->min)
		return arena_printf(a, "%sは%lld文字以上で入力してください。",
		                    f->label, f->min);
	return NULL;
}

const char *v_text(struct arena *a, const struct field *f, const char *raw,
                   struct fieldval *v)
{
	for (const unsigned char *p = (const unsigned char *)raw; *p; p++)
		if ((*p < 0x20 && *p != '\n' && *p != '\r' && *p != '\t') ||
		    *p == 0x7F)
			return arena_printf(
			    a, "%sに使えない制御文字が含まれています。",
			    f->label);
	v->text = raw;
	return check_len(a, f, raw);
}

const char *v_line(struct arena *a, const struct field *f, const char *raw,
                   struct fieldval *v)
{
	if (strpbrk(raw, "\r\n") != NULL)
		return arena_printf(a, "%sは1行で入力してください。", f->label);
	return v_text(a, f, raw, v);
}

/* Copy raw with full-width digits (０-９) and minus turned half-width and
 * commas removed; NULL when out of memory. */
static char *halfwidth_digits(struct arena *a, const char *raw)
{
	char *out = arena_alloc(a, strlen(raw) + 1);
	size_t o = 0;

	if (out == NULL)
		return NULL;
	for (const unsigned char *p = (const unsigned char *)raw; *p;) {
		if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 &&
		    p[2] <= 0x99) {
			out[o++] = (char)('0' + p[2] - 0x90);
			p += 3;
		} else if (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x8D) {
			out[o++] = '-'; /* full-width hyphen-minus */
			p += 3;
		} else if (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x8C) {
			p += 3; /* full-width comma */
		} else if (*p == ',') {
			p++;
		} else {
			out[o++] = (char)*p++;
		}
	}
	out[o] = '\0';
	return out;
}

const char *v_int(struct arena *a, const struct field *f, const char *raw,
                  struct fieldval *v)
{
	char *s = halfwidth_digits(a, raw), *end;
	long long n;

	if (s == NULL)
		return "メモリが不足しています。";
	errno = 0;
	n = strtoll(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 ||
	    !(isdigit((unsigned char)s[0]) || s[0] == '-'))
		return arena_printf(a, "%sは半角数字で入力してください。",
		                    f->label);
	if (n < f->min || n > f->max) {
		char *lo = fmt_int(a, f->min), *hi = fmt_int(a, f->max);

		return arena_printf(a,
		                    "%sは%sから%sまでの数で入力してください。",
		                    f->label, lo ? lo : "", hi ? hi : "");
	}
	v->num = n;
	v->text = arena_printf(a, "%lld", n);
	return NULL;
}

const char *v_date(struct arena *a, const struct field *f, const char *raw,
                   struct fieldval *v)
{
	if (fiscal_year_of(raw) < 0)
		return arena_printf(
		    a,
		    "%sは「2024-04-"
		    "01」の形式で、実在する日付を入力してください。",
		    f->label);
	v->text = raw;
	return NULL;
}

const char *v_email(struct arena *a, const struct field *f, const char *raw,
                    struct fieldval *v)
{
	const char *at = strchr(raw, '@');
	const char *msg = check_len(a, f, raw);

	if (msg != NULL)
		return msg;
	if (at == NULL || at == raw || strchr(at + 1, '@') != NULL ||
	    strchr(at + 1, '.') == NULL || at[1] == '.' ||
	    raw[strlen(raw) - 1] == '.')
		return arena_printf(
		    a, "%sの形式が正しくありません（例: info@example.jp）。",
		    f->label);
	for (const unsigned char *p = (const unsigned char *)raw; *p; p++)
		if (*p <= ' ' || *p >= 0x7F || strchr("<>()[]\\,;:\"", *p))
			return arena_printf(
			    a, "%sは半角英数字で入力してください。", f->label);
	v->text = raw;
	return NULL;
}

const char *v_url(struct arena *a, const struct field *f, const char *raw,
                  struct fieldval *v)
{
	const char *msg = check_len(a, f, raw);

	if (msg != NULL)
		return msg;
	if ((strncmp(raw, "https://", 8) != 0 &&
	     strncmp(raw, "http://", 7) != 0) ||
	    strlen(raw) < 11)
		return arena_printf(a,
		                    "%sは http:// または https:// "
		                    "で始まるURLを入力してください。",
		                    f->label);
	for (const unsigned char *p = (const unsigned char *)raw; *p; p++)
		if (*p <= ' ' || *p == '"' || *p == '<' || *p == '>' ||
		    *p == 0x7F)
			return arena_printf(
			    a, "%sに空白や使えない文字が含まれています。",
			    f->label);
	v->text = raw;
	return NULL;
}

const char *v_phone(struct arena *a, const struct field *f, const char *raw,
                    struct fieldval *v)
{
	char *s = halfwidth_digits(a, raw);
	size_t n, digits = 0;

	if (s == NULL)
		return "メモリが不足しています。";
	n = strlen(s);
	for (size_t i = 0; i < n; i++) {
		if (isdigit((unsigned char)s[i]))
			digits++;
		else if (s[i] != '-')
			return arena_printf(a,
			                    "%sは数字とハイフンで入力してくださ"
			                    "い（例: 0143-00-0000）。",
			                    f->label);
	}
	if (digits < 10 || digits > 11 || s[0] != '0')
		return arena_printf(
		    a, "%sの桁数が正しくありません（例: 0143-00-0000）。",
		    f->label);
	v->text = s;
	return NULL;
}

const char *v_kana(struct arena *a, const struct field *f, const char *raw,
                   struct fieldval *v)
{
	char *out = arena_strdup(a, raw);
	const char *msg = check_len(a, f, raw);

	if (msg != NULL)
		return msg;
	if (out == NULL)
		return "メモリが不足しています。";
	for (unsigned char *p = (unsigned char *)out; *p;) {
		/* U+3041–U+3096 ひらがな, U+30A1–U+30F6 カタカナ, U+30FC ー,
		 * U+3000 full-width space, ASCII space. */
		unsigned cp;

		if (*p == ' ') {
			p++;
			continue;
		}
		if (p[0] != 0xE3 || p[1] == 0 || p[2] == 0)
			goto bad;
		cp = ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) |
		     (p[2] & 0x3Fu);
		if (cp >= 0x30A1 && cp <= 0x30F6) {
			cp -= 0x60; /* to ひらがな */
			p[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
			p[2] = (unsigned char)(0x80 | (cp & 0x3F));
		} else if (!((cp >= 0x3041 && cp <= 0x3096) || cp == 0x30FC ||
		             cp == 0x3000 || cp == 0x309B || cp == 0x309C)) {
			goto bad;
		}
		p += 3;
	}
	v->text = out;
	return NULL;
bad:
	return arena_printf(a, "%sはひらがな又はカタカナで入力してください。",
	                    f->label);
}

const char *v_oneof(struct arena *a, const struct field *f, const char *raw,
                    struct fieldval *v)
{
	for (size_t i = 0; f->set != NULL && f->set[i] != NULL; i++)
		if (strcmp(raw, f->set[i]) == 0) {
			v->text = f->set[i];
			return NULL;
		}
	return arena_printf(a, "%sの選択肢から選んでください。", f->label);
}

const char *v_bool(struct arena *a, const struct field *f, const char *raw,
                   struct fieldval *v)
{
	(void)a;
	(void)f;
	v->num = strcmp(raw, "1") == 0 || strcmp(raw, "on") == 0;
	v->text = v->num ? "1" : "0";
	return NULL;
}

const char *v_code(struct arena *a, const struct field *f, const char *raw,
                   struct fieldval *v)
{
	size_t n = strlen(raw);

	if (n > 64 || strspn(raw, "abcdefghijklmnopqrstuvwxyz0123456789_") != n)
		return arena_printf(a, "%sの指定が正しくありません。",
		                    f->label);
	v->text = raw;
	return NULL;
}

const char *v_fiscal_year(struct arena *a, const struct field *f,
                          const char *raw, struct fieldval *v)
{
	char *end;
	long n;

	(void)a;
	if (strlen(raw) != 4 || strspn(raw, "0123456789") != 4)
		return "年度は西暦の4桁の数字（例：2024）で指定してください。";
	n = strtol(raw, &end, 10);
	if (n < f->min || n > f->max)
		return "年度は1989年度から2100年度までの範囲で指定してください"
		       "。";
	v->num = n;
	v->text = raw;
	return NULL;
}

const char *v_page(struct arena *a, const struct field *f, const char *raw,
                   struct fieldval *v)
{
	size_t n = strlen(raw);
	long page;

	(void)a;
	(void)f;
	if (strspn(raw, "0123456789") != n)
		return "ページ番号は1以上の半角数字で指定してください。";
	if (n > 9) /* past 999,999,999; no page is that far */
		return "ページ番号が大きすぎます。1以上の半角数字で指定してく"
		       "ださい。";
	page = strtol(raw, NULL, 10);
	if (page < 1)
		return "ページ番号は1以上の半角数字で指定してください。";
	v->num = page;
	v->text = raw;
	return NULL;
}

char *text_trim(struct arena *a, const char *s)
{
	size_t n = strlen(s);

	for (;;) {
		if (n > 0 &&
		    (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n'))
			s++, n--;
		else if (n >= 3 && memcmp(s, "\xE3\x80\x80", 3) == 0)
			s += 3, n -= 3;
		else
			break;
	}
	for (;;) {
		if (n > 0 && strchr(" \t\r\n", s[n - 1]) != NULL)
			n--;
		else if (n >= 3 && memcmp(s + n - 3, "\xE3\x80\x80", 3) == 0)
			n -= 3;
		else
			break;
	}
	return arena_strndup(a, s, n);
}

int field_check(struct arena *a, const struct field *f, const char *raw,
                struct fieldval *v)
{
	memset(v, 0, sizeof(*v));
	v->raw = raw != NULL ? text_trim(a, raw) : "";
	if (v->raw == NULL) {
		v->raw = "";
		v->error = "メモリが不足しています。";
		return -1;
	}
	v->present = v->raw[0] != '\0';
	if (!v->present) {
		if (f->validate == v_bool) {
			v->text = "0";
			return 0;
		}
		if (f->required) {
			v->error =
			    arena_printf(a, "%sを入力してください。", f->label);
			return -1;
		}
		v->text = NULL;
		return 0;
	}
	v->error = f->validate(a, f, v->raw, v);
	return v->error != NULL ? -1 : 0;
}

int form_validate(struct arena *a, const struct kvlist *list,
                  const struct field *fields, size_t n, struct fieldval *out)
{
	int errors = 0;

	for (size_t i = 0; i < n; i++)
		if (field_check(a, &fields[i], kv_get(list, fields[i].name),
		                &out[i]) < 0)
			errors++;
	return errors;
}
