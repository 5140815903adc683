/* Demo data (placeholder until the generator lands). */
#include "model/demo.h"

#include <stdio.h>

int demo_load(sqlite3 *db, const char *scale)
{
	(void)db;
	fprintf(stderr, "demo_load: scale %s not implemented yet\n",
	        scale ? scale : "demo");
	return -1;
}
