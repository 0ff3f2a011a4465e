/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Turns the value typed in a write-like command into a payload. */
#ifndef TERN_SERVER_PAYLOAD_H
#define TERN_SERVER_PAYLOAD_H

#include <stddef.h>

#include "server_buf.h"

/**
 * Builds the payload for Content-Format @p ct from @p value:
 * text and link format as typed; opaque from hex (an optional "0x" prefix);
 * a CBOR value (60) from "true", "false", a number, or else a text string;
 * SenML JSON and LwM2M JSON as typed once they parse; and SenML CBOR,
 * LwM2M CBOR and TLV converted from SenML JSON records (TLV relative to
 * @p path). 0, or -1 with the reason in @p err.
 */
int srv_payload_build(int ct, const char *value, const char *path,
                      srv_buf_t *out, char *err, size_t err_size);

#endif /* TERN_SERVER_PAYLOAD_H */
