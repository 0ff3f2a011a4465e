/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* SenML JSON (110), SenML CBOR (112) and the older LwM2M JSON (11543). */
#ifndef TERN_SERVER_SENML_H
#define TERN_SERVER_SENML_H

#include <stddef.h>
#include <stdint.h>

#include "server_buf.h"
#include "server_records.h"

/** Each decoder resolves base names and base times into full records;
 * 0, or -1 with the reason in @p err. */
int srv_senml_json_decode(const uint8_t *data, size_t len, srv_records_t *out,
                          char *err, size_t err_size);
int srv_senml_cbor_decode(const uint8_t *data, size_t len, srv_records_t *out,
                          char *err, size_t err_size);
int srv_lwm2m_json_decode(const uint8_t *data, size_t len, srv_records_t *out,
                          char *err, size_t err_size);

/** Encodes records as SenML CBOR with full names and no base fields. */
void srv_senml_cbor_encode(const srv_records_t *recs, srv_buf_t *out);

#endif /* TERN_SERVER_SENML_H */
