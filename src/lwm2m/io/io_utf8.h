/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * UTF-8 checks for the formats whose text must be UTF-8 (JSON, CBOR text
 * strings).
 */
#ifndef TERN_LWM2M_IO_UTF8_H
#define TERN_LWM2M_IO_UTF8_H

#include "io_defs.h"

/**
 * True if @p data is well-formed UTF-8 (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF).
 */
bool tern_io_utf8_valid(const void *data, size_t len);

/**
 * Writes the UTF-8 form of @p code_point (which must be a scalar value)
 * into @p out and returns its length (1..4).
 */
size_t tern_io_utf8_put(uint32_t code_point, uint8_t out[4]);

#endif /* TERN_LWM2M_IO_UTF8_H */
