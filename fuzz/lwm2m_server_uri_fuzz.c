/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* The Server URI parser: whatever it accepts must come back as a host and a
 * port that the connect code can hand to the resolver unchanged, and must
 * parse to the same parts once written out again. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lwm2m/session/session.h"

static const char *scheme_of(const tern_sess_uri_t *uri) {
    if (uri->secure) {
        return uri->tcp ? "coaps+tcp://" : "coaps://";
    }
    return uri->tcp ? "coap+tcp://" : "coap://";
}

static int bounded_string(const char *buf, size_t size) {
    return memchr(buf, '\0', size) != NULL;
}

static void check_accepted(const char *text, const tern_sess_uri_t *uri) {
    if (!bounded_string(uri->host, sizeof(uri->host)) ||
        !bounded_string(uri->port, sizeof(uri->port)) || !uri->host[0] ||
        strpbrk(uri->host, "[]/?#")) {
        abort();
    }
    /* The scheme decides the transport, so the flags must name the very
     * scheme the text starts with. */
    const char *scheme = scheme_of(uri);
    size_t scheme_len = strlen(scheme);
    for (size_t i = 0; i < scheme_len; ++i) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z') {
            c = (char) (c - 'A' + 'a');
        }
        if (c != scheme[i]) {
            abort();
        }
    }
    size_t port_len = strlen(uri->port);
    if (!port_len || strspn(uri->port, "0123456789") != port_len) {
        abort();
    }
    unsigned long port = strtoul(uri->port, NULL, 10);
    if (port < 1 || port > 65535) {
        abort();
    }

    char again[sizeof(uri->host) + 64];
    int len = snprintf(again, sizeof(again),
                       strchr(uri->host, ':') ? "%s[%s]:%s/p" : "%s%s:%s/p",
                       scheme, uri->host, uri->port);
    if (len < 0 || (size_t) len >= sizeof(again)) {
        abort();
    }
    tern_sess_uri_t back;
    if (tern_sess_uri_parse(again, &back) || back.secure != uri->secure ||
        back.tcp != uri->tcp || strcmp(back.host, uri->host) ||
        strcmp(back.port, uri->port)) {
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    /* Server URIs come from the Security Object as C strings. */
    char *text = (char *) malloc(size + 1);
    if (!text) {
        return 0;
    }
    memcpy(text, data, size);
    text[size] = '\0';
    tern_sess_uri_t uri;
    int result = tern_sess_uri_parse(text, &uri);
    if (result == 0) {
        check_accepted(text, &uri);
    } else if (result != -1) {
        abort();
    }
    free(text);
    return 0;
}
