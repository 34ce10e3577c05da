/*
 * sanitize_driver.c
 *		A main() for the fuzz targets without libFuzzer: runs the target over
 *		every file named on the command line (the seed corpus) and over a
 *		fixed number of deterministic pseudo-random inputs, so `make sanitize`
 *		needs only a compiler with ASan/UBSan and gives the same run each time.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
main(int argc, char **argv)
{
	uint64_t	x = 0x9E3779B97F4A7C15ULL;
	long		runs = getenv("SANITIZE_RUNS") ? atol(getenv("SANITIZE_RUNS")) : 20000;
	int			files = 0;

	for (int i = 1; i < argc; i++)
	{
		FILE	   *f = fopen(argv[i], "rb");
		uint8_t    *buf;
		long		len;

		if (f == NULL)
			continue;
		fseek(f, 0, SEEK_END);
		len = ftell(f);
		fseek(f, 0, SEEK_SET);
		buf = malloc(len > 0 ? len : 1);
		if (fread(buf, 1, len, f) != (size_t) len)
			len = 0;
		fclose(f);
		LLVMFuzzerTestOneInput(buf, (size_t) len);
		free(buf);
		files++;
	}
	for (long r = 0; r < runs; r++)
	{
		size_t		len = (size_t) (r % 1024);
		uint8_t    *buf = malloc(len ? len : 1);

		for (size_t i = 0; i < len; i++)
		{
			/* xorshift64 */
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			buf[i] = (uint8_t) x;
		}
		LLVMFuzzerTestOneInput(buf, len);
		free(buf);
	}
	printf("%s: %d corpus files, %ld generated inputs, no failure\n", argv[0], files, runs);
	return 0;
}
