// SPDX-License-Identifier: BSD-2-Clause
/*
 * Seeds for the threaded OP-TEE fuzzer (fuzz_optee_entry_mt, FUZZ_THREADS=3):
 * inputs in its operation format (op() in fuzz_optee_entry.c) that make the
 * three CPUs race on one shm cookie, so that every bounded run of make test
 * starts from the races this front end once had and mutates around them.
 *   race-unregister: CPU 0 loops register + unregister of a cookie, CPUs 1
 *                    and 2 loop unregisters of it (two unregisters of one
 *                    live object at once);
 *   race-register:   all three loop register + unregister of one cookie (two
 *                    registrations of one cookie at once);
 *   race-unregister-in-use: CPU 0 opens a test-service session, registers a
 *                    cookie and leaves a CRC32 call over it suspended in a
 *                    foreign-interrupt RPC; CPUs 1 and 2 loop unregisters of
 *                    the cookie. A double drop unmaps the pages under the
 *                    call, which the end-of-input drain resumes.
 * Usage: gen_optee_seeds <dir>. The input is cut into 3 equal slices, one per
 * CPU; each slice is padded with a harmless operation.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define THREADS 3
#define SLICE   96

/* Operation codes (k % 8) and fields, as fuzz_optee_entry.c reads them. */
enum { OP_POKE_ADDR = 1, OP_BUILD_ARG = 2, OP_CALL = 3, OP_REPLAY = 0x46, OP_NOP = 6,
       OP_FOREIGN_ON = 0x86 };
#define FOLLOW_LEAVE          0xff /* answer to an RPC: leave the thread in it */
#define ATTR_VALUE_OUT        2   /* index in its attrs[] */
#define ATTR_RMEM_IN          4
#define ATTR_TMEM_NONCONTIG   140 /* index 10 (140 % 13) with bit 7: the address is a page_addr */
#define CMD_OPEN_SESSION      0
#define CMD_INVOKE            1
#define CMD_REGISTER_SHM      4
#define CMD_UNREGISTER_SHM    5
#define ARG_REG               0x000 /* arena offsets */
#define ARG_UNREG             0x200
#define ARG_OPEN              0x400
#define ARG_CRC               0x600
#define TEST_CMD_CRC32        3   /* XW_PTA_TEST_CMD_CRC32 */
#define LIST                  0x1000

struct buf {
	uint8_t b[SLICE];
	size_t n;
};

static void put(struct buf *s, const uint8_t *p, size_t n)
{
	if (s->n + n > SLICE) {
		fprintf(stderr, "gen_optee_seeds: slice too long\n");
		_Exit(1);
	}
	memcpy(s->b + s->n, p, n);
	s->n += n;
}

static void u8(struct buf *s, uint8_t v)
{
	put(s, &v, 1);
}

static void le(struct buf *s, uint32_t v, unsigned int bytes)
{
	unsigned int i;

	for (i = 0; i < bytes; i++) {
		u8(s, (uint8_t)(v >> (8 * i)));
	}
}

/* Page-list entry at LIST: the first shared data page (page_addr class 3). */
static void page_list(struct buf *s)
{
	u8(s, OP_POKE_ADDR);
	le(s, LIST, 2);
	u8(s, 0x60);
	le(s, 0, 2);
}

/* One-parameter argument at arena offset @off: REGISTER (list at LIST) or UNREGISTER. */
static void arg(struct buf *s, unsigned int off, bool reg, uint8_t cookie)
{
	u8(s, OP_BUILD_ARG);
	le(s, off, 2);
	u8(s, reg ? CMD_REGISTER_SHM : CMD_UNREGISTER_SHM);
	le(s, 0, 3); /* func, session, cancel id */
	u8(s, 1);    /* num_params */
	if (reg) {
		u8(s, ATTR_TMEM_NONCONTIG);
		u8(s, 0x01); /* page_addr: arena page 1 = LIST */
		le(s, 0, 2);
		le(s, 4096, 3);
	} else {
		u8(s, ATTR_RMEM_IN);
		le(s, 0, 2);
		le(s, 0, 3);
	}
	u8(s, cookie);
}

static void call(struct buf *s, unsigned int off)
{
	u8(s, OP_CALL);
	le(s, off, 2);
}

/* Replay the last @n operations @times times. */
static void replay(struct buf *s, unsigned int n, unsigned int times)
{
	u8(s, OP_REPLAY);
	u8(s, (uint8_t)((n - 1) | (times - 1) << 2));
}

static void reg_unreg_loop(struct buf *s, uint8_t cookie)
{
	page_list(s);
	arg(s, ARG_REG, true, cookie);
	arg(s, ARG_UNREG, false, cookie);
	call(s, ARG_REG);
	call(s, ARG_UNREG);
	replay(s, 2, 8);
	replay(s, 2, 8);
	replay(s, 2, 8);
}

/* Open a session to the test service (session 1: the first of the input). */
static void open_test(struct buf *s)
{
	u8(s, OP_BUILD_ARG);
	le(s, ARG_OPEN, 2);
	u8(s, CMD_OPEN_SESSION);
	le(s, 0, 3);
	u8(s, 2);
	u8(s, 0);       /* meta value: the fuzzer writes the test UUID (sel bit 0 clear) */
	le(s, 0, 6);
	u8(s, 0);       /* meta value: login public (c = 0) */
	le(s, 0, 6);
	call(s, ARG_OPEN);
}

/* CRC32 over 9 bytes of the registered @cookie, suspended at a foreign interrupt. */
static void crc_suspended(struct buf *s, uint8_t cookie)
{
	u8(s, OP_BUILD_ARG);
	le(s, ARG_CRC, 2);
	u8(s, CMD_INVOKE);
	u8(s, TEST_CMD_CRC32);
	u8(s, 1); /* session */
	u8(s, 0);
	u8(s, 2);
	u8(s, ATTR_RMEM_IN);
	le(s, 0, 2);
	le(s, 9, 3);
	u8(s, cookie);
	u8(s, ATTR_VALUE_OUT);
	le(s, 0, 6);
	u8(s, OP_FOREIGN_ON);
	call(s, ARG_CRC);
	u8(s, FOLLOW_LEAVE);
}

static void unreg_loop(struct buf *s, uint8_t cookie)
{
	unsigned int i;

	arg(s, ARG_UNREG, false, cookie);
	call(s, ARG_UNREG);
	for (i = 0; i < 6; i++) {
		replay(s, 1, 8);
	}
}

static int write_seed(const char *dir, const char *name, struct buf *s)
{
	char path[512];
	unsigned int t;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f) {
		perror(path);
		return 1;
	}
	for (t = 0; t < THREADS; t++) {
		while (s[t].n < SLICE) {
			u8(&s[t], OP_NOP);
		}
		fwrite(s[t].b, 1, SLICE, f);
	}
	return fclose(f) != 0;
}

int main(int argc, char **argv)
{
	struct buf s[THREADS];
	unsigned int t;
	int rc = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: %s <corpus dir>\n", argv[0]);
		return 2;
	}
	memset(s, 0, sizeof(s));
	reg_unreg_loop(&s[0], 0x42);
	unreg_loop(&s[1], 0x42);
	unreg_loop(&s[2], 0x42);
	rc |= write_seed(argv[1], "race-unregister", s);
	memset(s, 0, sizeof(s));
	for (t = 0; t < THREADS; t++) {
		reg_unreg_loop(&s[t], 0x43);
	}
	rc |= write_seed(argv[1], "race-register", s);
	memset(s, 0, sizeof(s));
	page_list(&s[0]);
	open_test(&s[0]);
	arg(&s[0], ARG_REG, true, 0x44);
	call(&s[0], ARG_REG);
	crc_suspended(&s[0], 0x44);
	unreg_loop(&s[1], 0x44);
	unreg_loop(&s[2], 0x44);
	rc |= write_seed(argv[1], "race-unregister-in-use", s);
	return rc;
}
