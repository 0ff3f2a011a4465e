/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * Decimal text <-> number conversions used by text/plain, SenML JSON,
 * Write-Attributes and link format. They never depend on the C locale: the
 * decimal separator is always '.'.
 */
#ifndef TERN_LWM2M_IO_NUM_H
#define TERN_LWM2M_IO_NUM_H

#include "io_defs.h"

/** Room for any number formatted by this module, NUL included. */
#define TERN_IO_NUM_STR_SIZE 32

/** [+-]?[0-9]+ into int64; TERN_IO_ERR_RANGE on overflow. */
int tern_io_num_parse_int(const char *s, size_t len, int64_t *out);

/** [+]?[0-9]+ into uint64; TERN_IO_ERR_RANGE on overflow. */
int tern_io_num_parse_uint(const char *s, size_t len, uint64_t *out);

/**
 * Decimal or exponent notation, [+-]? then digits with an optional '.' (at
 * least one digit on either side of it) and optional [eE][+-]?digits; also
 * "nan", "inf" and "infinity" in any letter case, optionally signed.
 * A finite literal that overflows is TERN_IO_ERR_RANGE.
 */
int tern_io_num_parse_double(const char *s, size_t len, double *out);

/**
 * Converts text already checked against a decimal grammar (no "nan"/"inf")
 * with strtod() semantics but always '.' as the separator.
 */
int tern_io_num_strtod(const char *s, size_t len, double *out);

/**
 * Text that reads back as exactly @p value: whole numbers below 2^53 in
 * plain decimal, anything else in the shortest "%g"-style form (which may
 * use an exponent); "nan", "inf" or "-inf" for non-finite values.
 *
 * @returns length written (NUL added) or TERN_IO_ERR_BUFFER_TOO_SMALL.
 */
int tern_io_num_format_double(double value, char *buf, size_t size);

/** Decimal text of an int64; returns length or BUFFER_TOO_SMALL. */
int tern_io_num_format_int(int64_t value, char *buf, size_t size);

/** Decimal text of a uint64; returns length or BUFFER_TOO_SMALL. */
int tern_io_num_format_uint(uint64_t value, char *buf, size_t size);

/** True and @p *out set if @p value is integral and fits int64. */
bool tern_io_double_to_int(double value, int64_t *out);

/** True and @p *out set if @p value is integral and fits uint64. */
bool tern_io_double_to_uint(double value, uint64_t *out);

/**
 * "oid:iid", each decimal 0..65535 without sign or leading zeros.
 * @returns TERN_IO_OK or TERN_IO_ERR_MALFORMED.
 */
int tern_io_num_parse_objlnk(const char *s, size_t len, uint16_t *out_oid,
                             uint16_t *out_iid);

/** Writes "oid:iid"; returns length or BUFFER_TOO_SMALL. */
int tern_io_num_format_objlnk(uint16_t oid, uint16_t iid, char *buf,
                              size_t size);

#endif /* TERN_LWM2M_IO_NUM_H */
