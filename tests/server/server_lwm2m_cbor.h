/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* LwM2M CBOR (Content-Format 11544): nested maps keyed by path ids. */
#ifndef TERN_SERVER_LWM2M_CBOR_H
#define TERN_SERVER_LWM2M_CBOR_H

#include <stddef.h>
#include <stdint.h>

#include "server_records.h"

/** 0, or -1 with the reason in @p err. */
int srv_lwm2m_cbor_decode(const uint8_t *data, size_t len, srv_records_t *out,
                          char *err, size_t err_size);

#endif /* TERN_SERVER_LWM2M_CBOR_H */
