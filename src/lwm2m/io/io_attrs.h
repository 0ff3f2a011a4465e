/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * Write-Attributes: each Uri-Query option is one attribute, "name=value" to
 * set it or a bare "name" to remove it. Known names: pmin, pmax, epmin,
 * epmax (non-negative integers, seconds), gt, lt, st (finite numbers, st not
 * negative) and con (0 or 1). The same attributes appear in Discover
 * responses, formatted by @ref tern_io_attrs_format.
 */
#ifndef TERN_LWM2M_IO_ATTRS_H
#define TERN_LWM2M_IO_ATTRS_H

#include "io_buf.h"

/** Attribute indices; bit (1u << index) in the masks below. */
typedef enum {
    TERN_IO_ATTR_PMIN,
    TERN_IO_ATTR_PMAX,
    TERN_IO_ATTR_GT,
    TERN_IO_ATTR_LT,
    TERN_IO_ATTR_ST,
    TERN_IO_ATTR_EPMIN,
    TERN_IO_ATTR_EPMAX,
    TERN_IO_ATTR_CON,
    TERN_IO_ATTR_COUNT
} tern_io_attr_t;

/** A set of attributes, each absent, set to a value, or to be removed. */
typedef struct {
    uint16_t set;   /**< attributes given a value */
    uint16_t unset; /**< attributes named without a value */
    int32_t pmin;
    int32_t pmax;
    int32_t epmin;
    int32_t epmax;
    double gt;
    double lt;
    double st;
    bool con;
} tern_io_attrs_t;

/** All absent. */
void tern_io_attrs_init(tern_io_attrs_t *attrs);

/** Query name of an attribute ("pmin", ...). */
const char *tern_io_attr_name(tern_io_attr_t attr);

/**
 * Adds one Uri-Query option to @p attrs.
 * @returns TERN_IO_OK; TERN_IO_ERR_UNSUPPORTED for an unknown name;
 *          TERN_IO_ERR_MALFORMED for a bad value, an empty value after '=',
 *          or an attribute already given in this set. @p attrs is unchanged
 *          on error.
 */
int tern_io_attrs_parse_option(tern_io_attrs_t *attrs, const char *option,
                               size_t len);

/** Parses a whole query string whose options are separated by '&'. */
int tern_io_attrs_parse_query(tern_io_attrs_t *attrs, const char *query,
                              size_t len);

/**
 * Appends the attributes, each preceded by @p separator, in the order of
 * @ref tern_io_attr_t: ";pmin=10;gt=2.5" for link format with ';', or
 * "&pmin=10" for a query. Removed attributes are written as bare names
 * when @p with_unset is set. On error the buffer is left as it was.
 */
int tern_io_attrs_format(const tern_io_attrs_t *attrs, char separator,
                         bool with_unset, tern_io_buf_t *out);

#endif /* TERN_LWM2M_IO_ATTRS_H */
