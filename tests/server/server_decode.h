/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Renders any LwM2M payload as one compact output field. */
#ifndef TERN_SERVER_DECODE_H
#define TERN_SERVER_DECODE_H

#include <stddef.h>
#include <stdint.h>

#include "server_buf.h"
#include "server_records.h"

/**
 * Decodes a structured payload (TLV, SenML JSON/CBOR, LwM2M JSON/CBOR) of
 * Content-Format @p ct that answered a request on @p base_path into records.
 * 0, -1 with the reason in @p err, or -2 if @p ct is not structured.
 */
int srv_decode_records(int ct, const uint8_t *data, size_t len,
                       const char *base_path, srv_records_t *out, char *err,
                       size_t err_size);

/**
 * Appends the rendering of a payload: text and link format as received
 * (escaped), opaque as hex, a CBOR value as its value, structured formats
 * as "/3/0/0=Tern;/3/0/1=...", and "!bad-payload <why> hex=<bytes>" when a
 * structured payload does not decode.
 */
void srv_decode_render(int ct, const uint8_t *data, size_t len,
                       const char *base_path, srv_buf_t *out);

#endif /* TERN_SERVER_DECODE_H */
