/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Decoded LwM2M content as a flat list of (path, typed value) records: every
 * structured format decodes into it and the output line is rendered from it,
 * so that all formats read the same way in a test.
 */
#ifndef TERN_SERVER_RECORDS_H
#define TERN_SERVER_RECORDS_H

#include <stddef.h>
#include <stdint.h>

#include "server_buf.h"

typedef enum {
    SRV_V_NONE,
    SRV_V_INT,
    SRV_V_UINT,
    SRV_V_FLOAT,
    SRV_V_BOOL,
    SRV_V_STRING,
    SRV_V_OPAQUE,
    SRV_V_OBJLNK,
    SRV_V_TIME
} srv_vtype_t;

typedef struct {
    char *path;
    srv_vtype_t type;
    int64_t i;
    uint64_t u;
    double f;
    int b;
    uint16_t oid;
    uint16_t iid;
    /* STRING and OPAQUE bytes, owned by the record. */
    uint8_t *bytes;
    size_t len;
    int has_time;
    double time;
} srv_record_t;

typedef struct {
    srv_record_t *items;
    size_t count;
    size_t cap;
} srv_records_t;

void srv_records_init(srv_records_t *recs);
void srv_records_free(srv_records_t *recs);
/** Appends a zeroed record with a copy of @p path and returns it. */
srv_record_t *srv_records_add(srv_records_t *recs, const char *path);
/** Copies @p data into the record's bytes. */
void srv_record_set_bytes(srv_record_t *rec, srv_vtype_t type, const void *data,
                          size_t len);
/**
 * Renders "path=value;path=value": strings escaped, opaque as 0x-prefixed
 * hex, object links as O:I, a SenML time as "@t" after the value.
 */
void srv_records_render(const srv_records_t *recs, srv_buf_t *out);
/** Renders one value without its path. */
void srv_value_render(const srv_record_t *rec, srv_buf_t *out);
/** Renders a double with as few digits as read back exactly. */
void srv_double_render(double v, srv_buf_t *out);

#endif /* TERN_SERVER_RECORDS_H */
