/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * Base64 (RFC 4648): the standard alphabet with padding for opaque values in
 * text/plain, the URL-safe alphabet without padding for SenML JSON "vd"
 * (RFC 8428 section 4.3).
 */
#ifndef TERN_LWM2M_IO_BASE64_H
#define TERN_LWM2M_IO_BASE64_H

#include "io_buf.h"

/** Accept / produce '+' and '/'. */
#define TERN_IO_B64_STD 0x1u
/** Accept / produce '-' and '_'. */
#define TERN_IO_B64_URL 0x2u
/** Decode: '=' padding may be omitted. Encode: omit it. */
#define TERN_IO_B64_NO_PAD 0x4u

/** Length of the encoding of @p len bytes. */
size_t tern_io_base64_encoded_len(size_t len, unsigned flags);

/**
 * Appends the encoding to @p out. With both alphabet flags set the standard
 * one is used.
 */
int tern_io_base64_encode(tern_io_buf_t *out, const void *data, size_t len,
                          unsigned flags);

/**
 * Checks @p text against the alphabets allowed by @p flags (they may not be
 * mixed inside one text), the padding rule, and that unused low bits of the
 * last symbol are zero, so that every byte string has exactly one accepted
 * spelling per alphabet. No whitespace is allowed.
 *
 * @returns TERN_IO_OK with the decoded length, or TERN_IO_ERR_MALFORMED.
 */
int tern_io_base64_validate(const char *text, size_t len, unsigned flags,
                            size_t *out_decoded_len);

/**
 * Decodes bytes [@p offset, @p offset + @p size) of an already validated
 * text; returns how many were written (fewer at the end of the data).
 */
size_t tern_io_base64_decode_range(const char *text, size_t len, size_t offset,
                                   uint8_t *out, size_t size);

/** Validates and decodes all of @p text; BUFFER_TOO_SMALL if it won't fit. */
int tern_io_base64_decode(const char *text, size_t len, unsigned flags,
                          uint8_t *out, size_t size, size_t *out_len);

#endif /* TERN_LWM2M_IO_BASE64_H */
