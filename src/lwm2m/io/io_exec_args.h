/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * Execute arguments: a comma-separated list of single digits, each
 * optionally followed by ='value' where the value may hold anything but a
 * single quote, e.g. 0='text',1,2='x'. An empty payload has no arguments.
 * Zero-copy: values are views into the payload.
 */
#ifndef TERN_LWM2M_IO_EXEC_ARGS_H
#define TERN_LWM2M_IO_EXEC_ARGS_H

#include "io_buf.h"

/** Iterator over an Execute payload; treat as opaque. */
typedef struct {
    const char *pos;
    const char *end;
    int status;
    bool need_comma;
} tern_io_exec_args_t;

/** Starts iterating @p len bytes of @p data. */
void tern_io_exec_args_init(tern_io_exec_args_t *it, const void *data,
                            size_t len);

/**
 * Next argument.
 * @param out_arg        the digit, 0..9
 * @param out_has_value  whether ='...' followed
 * @param out_value      view of the text between the quotes (empty if none)
 * @returns TERN_IO_OK, TERN_IO_END, or TERN_IO_ERR_MALFORMED (then sticky).
 */
int tern_io_exec_args_next(tern_io_exec_args_t *it, int *out_arg,
                           bool *out_has_value, const char **out_value,
                           size_t *out_value_len);

/**
 * Appends one argument to an Execute payload being built (a comma first
 * unless @p first). @p value may be NULL for an argument without value.
 * @returns TERN_IO_ERR_INVALID_ARG for a digit outside 0..9 or a value
 *          holding a single quote; buffer errors leave @p out unchanged.
 */
int tern_io_exec_args_append(tern_io_buf_t *out, bool first, int arg,
                             const char *value, size_t value_len);

#endif /* TERN_LWM2M_IO_EXEC_ARGS_H */
