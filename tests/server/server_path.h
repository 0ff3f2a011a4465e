/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* LwM2M paths: "/", "/O", "/O/I", "/O/I/R", "/O/I/R/RI". */
#ifndef TERN_SERVER_PATH_H
#define TERN_SERVER_PATH_H

#include <stddef.h>
#include <stdint.h>

#define SRV_PATH_MAX_DEPTH 4
/* Longest rendering: "/65535/65535/65535/65535" plus NUL. */
#define SRV_PATH_STR_MAX 32

typedef struct {
    uint16_t ids[SRV_PATH_MAX_DEPTH];
    int depth;
} srv_path_t;

/** Parses a numeric LwM2M path (an optional trailing '/' is accepted);
 * -1 on anything else. */
int srv_path_parse(const char *text, srv_path_t *out);
/** Like srv_path_parse() on the first @p len bytes of @p text. */
int srv_path_parse_n(const char *text, size_t len, srv_path_t *out);
/** Writes "/O/I/..." ("/" for the root) into @p out. */
void srv_path_format(const srv_path_t *path, char out[SRV_PATH_STR_MAX]);
/** Returns @p path extended by one id, or -1 if it is already full. */
int srv_path_push(srv_path_t *path, uint16_t id);

#endif /* TERN_SERVER_PATH_H */
