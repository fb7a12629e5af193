/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The hello TA's interface, shared by the TA (ta/hello/) and its client
 * (user/tahello/): its UUID and command numbers. docs/optee.md "Writing a TA".
 */
#ifndef HELLO_TA_H
#define HELLO_TA_H

/* 6ecf611e-4beb-4763-9269-40e2d0b38d4c */
#define HELLO_TA_UUID                                      \
	{ 0x6ecf611e, 0x4beb, 0x4763,                      \
	  { 0x92, 0x69, 0x40, 0xe2, 0xd0, 0xb3, 0x8d, 0x4c } }

/* params[0] value inout: a += 1; b counts the calls of this session. */
#define HELLO_CMD_INC     0
/* params[0] memref inout: the bytes reversed in place. */
#define HELLO_CMD_REVERSE 1
/* params[0] memref out: filled with random bytes (TEE_GenerateRandom). */
#define HELLO_CMD_RANDOM  2

#endif
