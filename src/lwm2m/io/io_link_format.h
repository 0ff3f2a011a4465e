/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * CoRE Link Format (RFC 6690) as LwM2M uses it in Register, Update,
 * Discover and Bootstrap-Discover payloads, e.g.
 * </>;rt="oma.lwm2m";ct=11543,</1>;ver=1.1,</1/0>,</3/0>
 * or, from Discover, </3/0>;pmin=10,</3/0/6>;dim=2.
 *
 * The encoder writes links for data-model paths; the parser (used by test
 * servers and tools) walks any link-format text without copying, checking
 * the RFC 6690 grammar strictly (no whitespace).
 */
#ifndef TERN_LWM2M_IO_LINK_FORMAT_H
#define TERN_LWM2M_IO_LINK_FORMAT_H

#include "io_attrs.h"
#include "io_buf.h"
#include "io_path.h"

/** Parameters of one link; every field is optional. */
typedef struct {
    const char *rt;  /**< rt="..." (NULL: none) */
    int32_t ct;      /**< ct=N (negative: none) */
    const char *ver; /**< ver=X.Y (NULL: none) */
    int32_t dim;     /**< dim=N, instances of a Multiple Resource
                      *   (negative: none) */
    int32_t ssid;    /**< ssid=N, Bootstrap-Discover (negative: none) */
    const char *uri; /**< uri="...", Bootstrap-Discover (NULL: none) */
    const tern_io_attrs_t *attrs; /**< notification attributes (NULL) */
} tern_io_link_params_t;

/** All fields absent. */
void tern_io_link_params_init(tern_io_link_params_t *params);

/** Link-format encoder state; treat as opaque. */
typedef struct {
    tern_io_buf_t *out;
    const char *prefix;
    bool first;
} tern_io_link_enc_t;

/**
 * Starts a payload in @p out. @p prefix is put before every path: NULL or
 * "" for none, or an alternate path such as "/lwm2m" (no trailing slash).
 */
void tern_io_link_enc_init(tern_io_link_enc_t *enc, tern_io_buf_t *out,
                           const char *prefix);

/**
 * Appends one link "<prefix/path>" with @p params (may be NULL). The root
 * path is written as "/" without a prefix and as the bare prefix with one.
 * On error the output is left as it was.
 */
int tern_io_link_enc_add(tern_io_link_enc_t *enc, const tern_io_path_t *path,
                         const tern_io_link_params_t *params);

/** One parsed link: views into the parsed text. */
typedef struct {
    tern_io_str_t target; /**< between '<' and '>' */
    tern_io_str_t params; /**< ";a=b;c" up to the next link, may be empty */
} tern_io_link_t;

/** Link-format parser state; treat as opaque. */
typedef struct {
    const char *pos;
    const char *end;
    int status;
    bool need_comma;
} tern_io_link_parser_t;

/** Starts parsing @p len bytes (an empty text holds no links). */
void tern_io_link_parser_init(tern_io_link_parser_t *parser, const void *data,
                              size_t len);

/**
 * Next link, with its parameters already checked against the grammar.
 * @returns TERN_IO_OK, TERN_IO_END or TERN_IO_ERR_MALFORMED (sticky).
 */
int tern_io_link_next(tern_io_link_parser_t *parser, tern_io_link_t *out);

/** Iterator over the parameters of one link. */
typedef struct {
    const char *pos;
    const char *end;
} tern_io_link_param_iter_t;

/** Starts iterating the parameters of @p link. */
void tern_io_link_params_begin(tern_io_link_param_iter_t *it,
                               const tern_io_link_t *link);

/**
 * Next parameter. For a quoted value @p out_value is the text between the
 * quotes, still with any backslash escapes (see @ref tern_io_link_unquote).
 * @returns TERN_IO_OK, TERN_IO_END, or TERN_IO_ERR_MALFORMED.
 */
int tern_io_link_param_next(tern_io_link_param_iter_t *it,
                            tern_io_str_t *out_name, tern_io_str_t *out_value,
                            bool *out_has_value, bool *out_quoted);

/**
 * Removes the backslash escapes of a quoted value into @p buf (NUL
 * terminated). @returns length or TERN_IO_ERR_BUFFER_TOO_SMALL.
 */
int tern_io_link_unquote(const tern_io_str_t *value, char *buf, size_t size);

/**
 * The data-model path of a link target after removing @p prefix (NULL or ""
 * for none): "</3/0>" gives /3/0, "<prefix>" or "</>" the root.
 * @returns TERN_IO_OK or TERN_IO_ERR_MALFORMED.
 */
int tern_io_link_target_path(const tern_io_link_t *link, const char *prefix,
                             tern_io_path_t *out);

#endif /* TERN_LWM2M_IO_LINK_FORMAT_H */
