/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Base64 for SenML "vd" values. */
#ifndef TERN_SERVER_BASE64_H
#define TERN_SERVER_BASE64_H

#include <stddef.h>
#include <stdint.h>

#include "server_buf.h"

/**
 * Decodes both the standard and the URL-safe alphabet, with or without
 * padding, because peers disagree on which one SenML means; -1 on bad input.
 */
int srv_base64_decode(const char *text, size_t len, srv_buf_t *out);
/** Encodes with the standard alphabet and padding. */
void srv_base64_encode(const uint8_t *data, size_t len, srv_buf_t *out);

#endif /* TERN_SERVER_BASE64_H */
