/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* CoRE Link Format (RFC 6690), as sent in Register, Update and Discover. */
#ifndef TERN_SERVER_LINK_H
#define TERN_SERVER_LINK_H

#include <stddef.h>

#include "server_buf.h"

typedef struct {
    char *uri;
    /* The parameters as received, without the first ';' ("" if none). */
    char *params;
} srv_link_t;

typedef struct {
    srv_link_t *items;
    size_t count;
} srv_links_t;

/** Parses a link list; whitespace between links is tolerated. 0, or -1 with
 * the reason in @p err. */
int srv_link_parse(const char *text, size_t len, srv_links_t *out, char *err,
                   size_t err_size);
void srv_links_free(srv_links_t *links);
/**
 * Looks up parameter @p name: 1 if present (value unquoted into @p value,
 * "" for a parameter without value), 0 if absent.
 */
int srv_link_param(const srv_link_t *link, const char *name, char *value,
                   size_t value_size);
/** Renders "<uri>;params,<uri>..." without any whitespace. */
void srv_links_render(const srv_links_t *links, srv_buf_t *out);

#endif /* TERN_SERVER_LINK_H */
