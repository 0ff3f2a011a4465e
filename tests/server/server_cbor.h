/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Just enough CBOR (RFC 8949) for SenML CBOR and LwM2M CBOR. */
#ifndef TERN_SERVER_CBOR_H
#define TERN_SERVER_CBOR_H

#include <stddef.h>
#include <stdint.h>

#include "server_buf.h"

typedef enum {
    SRV_CBOR_UINT,
    SRV_CBOR_NINT,
    SRV_CBOR_BYTES,
    SRV_CBOR_TEXT,
    SRV_CBOR_ARRAY,
    SRV_CBOR_MAP,
    SRV_CBOR_TAG,
    SRV_CBOR_FALSE,
    SRV_CBOR_TRUE,
    SRV_CBOR_NULL,
    SRV_CBOR_UNDEFINED,
    SRV_CBOR_FLOAT,
    /* The "break" that ends an indefinite-length array or map. */
    SRV_CBOR_BREAK
} srv_cbor_kind_t;

typedef struct {
    srv_cbor_kind_t kind;
    /* UINT value, NINT as -1 - u, TAG number, ARRAY/MAP count. */
    uint64_t u;
    int indefinite;
    double f;
    const uint8_t *data;
    size_t len;
} srv_cbor_item_t;

typedef struct {
    const uint8_t *p;
    const uint8_t *end;
} srv_cbor_reader_t;

void srv_cbor_reader_init(srv_cbor_reader_t *r, const uint8_t *data,
                          size_t len);
/** Reads one item head (a whole string); -1 on malformed or unsupported
 * input (indefinite-length strings, reserved values). */
int srv_cbor_read(srv_cbor_reader_t *r, srv_cbor_item_t *item);
/** Skips one complete data item, nested content included. */
int srv_cbor_skip(srv_cbor_reader_t *r);
/** Converts a UINT or NINT item to int64_t; -1 if it does not fit. */
int srv_cbor_to_int64(const srv_cbor_item_t *item, int64_t *out);

void srv_cbor_write_uint(srv_buf_t *out, uint64_t v);
void srv_cbor_write_int(srv_buf_t *out, int64_t v);
void srv_cbor_write_text(srv_buf_t *out, const char *s, size_t len);
void srv_cbor_write_bytes(srv_buf_t *out, const uint8_t *data, size_t len);
void srv_cbor_write_array(srv_buf_t *out, size_t count);
void srv_cbor_write_map(srv_buf_t *out, size_t count);
void srv_cbor_write_bool(srv_buf_t *out, int v);
void srv_cbor_write_double(srv_buf_t *out, double v);

#endif /* TERN_SERVER_CBOR_H */
