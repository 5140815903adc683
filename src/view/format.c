/* Japanese formatting: 和暦, 年度, 円. */
#include "view/format.h"

#include <string.h>

/* One era of the Japanese calendar. */
struct era {
	const char *name; /* 令和 … */
	int y, m, d;      /* first day */
};

/* Newest first. */
static const struct era eras[] = {
    {"令和", 2019, 5, 1},  {"平成", 1989, 1, 8},  {"昭和", 1926, 12, 25},
    {"大正", 1912, 7, 30}, {"明治", 1868, 1, 25},
};

/* Parse "YYYY-MM-DD" (a real calendar date). 0 or -1. */
static int parse_date(const char *s, int *y, int *m, int *d)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30,
	                            31, 31, 30, 31, 30, 31};
	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	*y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	     (s[3] - '0');
	*m = (s[5] - '0') * 10 + (s[6] - '0');
	*d = (s[8] - '0') * 10 + (s[9] - '0');
	if (*m < 1 || *m > 12 || *d < 1 || *d > mdays[*m - 1] || *y < 1868)
		return -1;
	if (*m == 2 && *d == 29 &&
	    !((*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0))
		return -1;
	return 0;
}

/* The era of a date; NULL before 明治. */
static const struct era *era_of(int y, int m, int d)
{
	for (size_t i = 0; i < sizeof(eras) / sizeof(eras[0]); i++) {
		const struct era *e = &eras[i];

		if (y > e->y ||
		    (y == e->y && (m > e->m || (m == e->m && d >= e->d))))
			return e;
	}
	return NULL;
}

/* Append the decimal digits of u at p; returns the end (no NUL). */
static char *put_uint(char *p, unsigned long long u)
{
	char tmp[24];
	size_t n = 0;

	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	while (n > 0)
		*p++ = tmp[--n];
	return p;
}

/* Append s at p; returns the end (no NUL). */
static char *put_str(char *p, const char *s)
{
	size_t n = strlen(s);

	memcpy(p, s, n);
	return p + n;
}

/* Append an int (may be negative) at p. */
static char *put_int(char *p, int v)
{
	if (v < 0) {
		*p++ = '-';
		return put_uint(p, 0ULL - (unsigned long long)v);
	}
	return put_uint(p, (unsigned long long)v);
}

/* "元" for year 1, the number otherwise. */
static void era_year(char *out, size_t n, int year)
{
	/* out holds at least 16 bytes */
	if (year == 1)
		memcpy(out, "元", n < sizeof "元" ? n : sizeof "元");
	else
		*put_int(out, year) = '\0';
}

/* "令和6年度" into out (at least 48 bytes); returns the end. */
static char *put_fiscal_wareki(char *out, int year)
{
	/* A fiscal year is named by the era of its first day, 1 April; the
	 * fiscal year 2019 began in 平成 but is called 令和元年度. */
	const struct era *e = era_of(year, year == 2019 ? 5 : 4, 1);
	char n[16];

	if (e == NULL)
		return put_str(put_int(out, year), "年度");
	era_year(n, sizeof(n), year - e->y + 1);
	return put_str(put_str(put_str(out, e->name), n), "年度");
}

char *fmt_fiscal_year_wareki(struct arena *a, int year)
{
	char out[48];

	return arena_strndup(a, out,
	                     (size_t)(put_fiscal_wareki(out, year) - out));
}

char *fmt_fiscal_year(struct arena *a, int year)
{
	char out[96], *p = put_fiscal_wareki(out, year);

	p = put_str(put_int(put_str(p, "（"), year), "年度）");
	return arena_strndup(a, out, (size_t)(p - out));
}

int fiscal_year_of(const char *iso_date)
{
	int y, m, d;

	if (parse_date(iso_date, &y, &m, &d) < 0)
		return -1;
	return m < 4 ? y - 1 : y;
}

char *fmt_date(struct arena *a, const char *iso_date)
{
	int y, m, d;
	char out[48], *p;

	if (parse_date(iso_date, &y, &m, &d) < 0)
		return NULL;
	p = put_str(put_int(out, y), "年");
	p = put_str(put_int(p, m), "月");
	p = put_str(put_int(p, d), "日");
	return arena_strndup(a, out, (size_t)(p - out));
}

char *fmt_date_wareki(struct arena *a, const char *iso_date)
{
	int y, m, d;
	const struct era *e;
	char n[16], out[64], *p;

	if (parse_date(iso_date, &y, &m, &d) < 0)
		return NULL;
	e = era_of(y, m, d);
	if (e == NULL)
		return NULL;
	era_year(n, sizeof(n), y - e->y + 1);
	p = put_str(put_str(put_str(out, e->name), n), "年");
	p = put_str(put_int(p, m), "月");
	p = put_str(put_int(p, d), "日");
	return arena_strndup(a, out, (size_t)(p - out));
}

/* "1,234" (and "-1,234") into out (at least 32 bytes); returns the end. */
static char *put_grouped(char *out, long long v)
{
	char digits[24];
	unsigned long long u =
	    v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	int n = (int)(put_uint(digits, u) - digits);
	char *o = out;

	if (v < 0)
		*o++ = '-';
	for (int i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			*o++ = ',';
		*o++ = digits[i];
	}
	return o;
}

char *fmt_int(struct arena *a, long long v)
{
	char out[48];

	return arena_strndup(a, out, (size_t)(put_grouped(out, v) - out));
}

char *fmt_yen(struct arena *a, long long yen)
{
	char out[48], *p = put_str(put_grouped(out, yen), "円");

	return arena_strndup(a, out, (size_t)(p - out));
}
