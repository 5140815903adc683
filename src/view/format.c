/* Japanese formatting: 和暦, 年度, 円. */
#include "view/format.h"

#include <stdio.h>
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
	char tail;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	if (sscanf(s, "%4d-%2d-%2d%c", y, m, d, &tail) != 3)
		return -1;
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

/* "元" for year 1, the number otherwise. */
static void era_year(char *out, size_t n, int year)
{
	if (year == 1)
		snprintf(out, n, "元");
	else
		snprintf(out, n, "%d", year);
}

char *fmt_fiscal_year_wareki(struct arena *a, int year)
{
	/* A fiscal year is named by the era of its first day, 1 April; the
	 * fiscal year 2019 began in 平成 but is called 令和元年度. */
	const struct era *e = era_of(year, year == 2019 ? 5 : 4, 1);
	char n[16];

	if (e == NULL)
		return arena_printf(a, "%d年度", year);
	era_year(n, sizeof(n), year - e->y + 1);
	return arena_printf(a, "%s%s年度", e->name, n);
}

char *fmt_fiscal_year(struct arena *a, int year)
{
	char *w = fmt_fiscal_year_wareki(a, year);

	return w ? arena_printf(a, "%s（%d年度）", w, year) : NULL;
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

	if (parse_date(iso_date, &y, &m, &d) < 0)
		return NULL;
	return arena_printf(a, "%d年%d月%d日", y, m, d);
}

char *fmt_date_wareki(struct arena *a, const char *iso_date)
{
	int y, m, d;
	const struct era *e;
	char n[16];

	if (parse_date(iso_date, &y, &m, &d) < 0)
		return NULL;
	e = era_of(y, m, d);
	if (e == NULL)
		return NULL;
	era_year(n, sizeof(n), y - e->y + 1);
	return arena_printf(a, "%s%s年%d月%d日", e->name, n, m, d);
}

char *fmt_int(struct arena *a, long long v)
{
	char digits[32], out[48];
	unsigned long long u =
	    v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	int n = snprintf(digits, sizeof(digits), "%llu", u);
	size_t o = 0;

	if (v < 0)
		out[o++] = '-';
	for (int i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
	return arena_strdup(a, out);
}

char *fmt_yen(struct arena *a, long long yen)
{
	char *n = fmt_int(a, yen);

	return n ? arena_printf(a, "%s円", n) : NULL;
}
