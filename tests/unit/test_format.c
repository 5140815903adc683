/* 和暦, 年度, 円 and configuration parsing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "server/config.h"
#include "view/format.h"

static void test_fiscal_year(void **state)
{
	static const struct {
		int year;
		const char *out;
	} cases[] = {
	    {2024, "令和6年度（2024年度）"},  {2019, "令和元年度（2019年度）"},
	    {2020, "令和2年度（2020年度）"},  {2018, "平成30年度（2018年度）"},
	    {1989, "平成元年度（1989年度）"}, {2026, "令和8年度（2026年度）"},
	};
	struct arena a;

	(void)state;
	arena_init(&a, 0);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(fmt_fiscal_year(&a, cases[i].year),
		                    cases[i].out);
	assert_string_equal(fmt_fiscal_year_wareki(&a, 2025), "令和7年度");
	arena_free(&a);
}

static void test_fiscal_year_of(void **state)
{
	(void)state;
	assert_int_equal(fiscal_year_of("2024-04-01"), 2024);
	assert_int_equal(fiscal_year_of("2025-03-31"), 2024);
	assert_int_equal(fiscal_year_of("2025-01-10"), 2024);
	assert_int_equal(fiscal_year_of("2024-12-31"), 2024);
	assert_int_equal(fiscal_year_of("2024-13-01"), -1);
	assert_int_equal(fiscal_year_of("2023-02-29"), -1);
	assert_int_equal(fiscal_year_of("2024-02-29"), 2023);
	assert_int_equal(fiscal_year_of("20240401"), -1);
	assert_int_equal(fiscal_year_of(NULL), -1);
}

static void test_dates(void **state)
{
	struct arena a;

	(void)state;
	arena_init(&a, 0);
	assert_string_equal(fmt_date(&a, "2024-05-01"), "2024年5月1日");
	assert_string_equal(fmt_date_wareki(&a, "2024-05-01"), "令和6年5月1日");
	assert_string_equal(fmt_date_wareki(&a, "2019-04-30"),
	                    "平成31年4月30日");
	assert_string_equal(fmt_date_wareki(&a, "2019-05-01"),
	                    "令和元年5月1日");
	assert_string_equal(fmt_date_wareki(&a, "1989-01-07"),
	                    "昭和64年1月7日");
	assert_null(fmt_date(&a, "2024-5-1"));
	assert_null(fmt_date(&a, "abcd-ef-gh"));
	assert_null(fmt_date(&a, "2024-02-30"));
	arena_free(&a);
}

static void test_money(void **state)
{
	struct arena a;

	(void)state;
	arena_init(&a, 0);
	assert_string_equal(fmt_yen(&a, 0), "0円");
	assert_string_equal(fmt_yen(&a, 999), "999円");
	assert_string_equal(fmt_yen(&a, 1000), "1,000円");
	assert_string_equal(fmt_yen(&a, 1234567), "1,234,567円");
	assert_string_equal(fmt_yen(&a, -50000), "-50,000円");
	assert_string_equal(fmt_int(&a, 100000), "100,000");
	arena_free(&a);
}

static void test_config(void **state)
{
	struct config cfg;
	char err[256];

	(void)state;
	config_defaults(&cfg);
	assert_string_equal(cfg.db, "var/kyodo.db");
	assert_int_equal(cfg.page_size, 20);
	assert_int_equal(config_set(&cfg, "workers", "4", err, sizeof(err)), 0);
	assert_int_equal(cfg.workers, 4);
	assert_int_equal(config_set(&cfg, "workers", "four", err, sizeof(err)),
	                 -1);
	assert_int_equal(config_set(&cfg, "max_body", "0", err, sizeof(err)),
	                 -1);
	assert_int_equal(
	    config_set(&cfg, "synchronous", "OFF", err, sizeof(err)), -1);
	assert_int_equal(config_set(&cfg, "nosuchkey", "1", err, sizeof(err)),
	                 -1);
	assert_non_null(strstr(err, "nosuchkey"));
	setenv("KYODO_PAGE_SIZE", "50", 1);
	assert_int_equal(config_load_env(&cfg, err, sizeof(err)), 0);
	assert_int_equal(cfg.page_size, 50);
	setenv("KYODO_PAGE_SIZE", "0", 1);
	assert_int_equal(config_load_env(&cfg, err, sizeof(err)), -1);
	unsetenv("KYODO_PAGE_SIZE");
	cfg.fiscal_year = 2024;
	assert_int_equal(config_fiscal_year(&cfg), 2024);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fiscal_year),
	    cmocka_unit_test(test_fiscal_year_of),
	    cmocka_unit_test(test_dates),
	    cmocka_unit_test(test_money),
	    cmocka_unit_test(test_config),
	};
	return cmocka_run_group_tests_name("format", tests, NULL, NULL);
}
