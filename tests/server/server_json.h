/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* A small JSON (RFC 8259) parser into a tree, for SenML JSON and LwM2M JSON
 * in both directions (payloads received, values typed in commands). */
#ifndef TERN_SERVER_JSON_H
#define TERN_SERVER_JSON_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
    SRV_JSON_NULL,
    SRV_JSON_BOOL,
    SRV_JSON_NUMBER,
    SRV_JSON_STRING,
    SRV_JSON_ARRAY,
    SRV_JSON_OBJECT
} srv_json_kind_t;

typedef struct srv_json srv_json_t;
struct srv_json {
    srv_json_kind_t kind;
    /* Member name when the parent is an object. */
    char *key;
    int b;
    double num;
    /* Set when the number has neither fraction nor exponent and fits. */
    int is_int;
    int64_t i;
    /* Decoded string (UTF-8, NUL-terminated; may hold NULs from \u0000). */
    char *str;
    size_t str_len;
    srv_json_t *child;
    srv_json_t *next;
};

/** Parses a whole document; NULL on error with the reason in @p err. */
srv_json_t *srv_json_parse(const char *text, size_t len, char *err,
                           size_t err_size);
void srv_json_free(srv_json_t *node);
/** The member @p key of an object, or NULL. */
const srv_json_t *srv_json_member(const srv_json_t *obj, const char *key);

#endif /* TERN_SERVER_JSON_H */
