/* Formatting for Japanese pages: 和暦, 年度, 円, dates. All results are arena
 * memory. */
#ifndef KYODO_FORMAT_H
#define KYODO_FORMAT_H
#include "util/arena.h"

/* "令和6年度（2024年度）" for fiscal year 2024; "平成31年度…" before 2019. */
char *fmt_fiscal_year(struct arena *a, int year);
/* "令和6年度" only. */
char *fmt_fiscal_year_wareki(struct arena *a, int year);
/* The fiscal year (April–March) a "YYYY-MM-DD" date falls in; -1 if invalid. */
int fiscal_year_of(const char *iso_date);
/* "2024年5月1日" from "2024-05-01"; NULL if the date is invalid. */
char *fmt_date(struct arena *a, const char *iso_date);
/* "令和6年5月1日" (元年 for year 1 of an era); NULL if invalid. */
char *fmt_date_wareki(struct arena *a, const char *iso_date);
/* "1,234,567円". */
char *fmt_yen(struct arena *a, long long yen);
/* "1,234". */
char *fmt_int(struct arena *a, long long n);
#endif
