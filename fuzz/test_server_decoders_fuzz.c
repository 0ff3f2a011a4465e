/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* The test server's payload decoders: every payload a device sends is
 * printed through them, so none may fail on any bytes, and the printed text
 * must stay a single field of one output line. The first input byte selects
 * the Content-Format (low nibble) and the request path (high nibble). */

#include <stdlib.h>
#include <string.h>

#include "server_buf.h"
#include "server_decode.h"
#include "server_format.h"
#include "server_link.h"
#include "server_records.h"

static const int FORMATS[] = {SRV_CT_TEXT, SRV_CT_LINK,       SRV_CT_OPAQUE,
                              SRV_CT_CBOR, SRV_CT_SENML_JSON, SRV_CT_SENML_CBOR,
                              SRV_CT_TLV,  SRV_CT_LWM2M_JSON, SRV_CT_LWM2M_CBOR,
                              1234};

static const char *const PATHS[] = {
        "/",        "/3",   "/3/0",         "/3/0/0",
        "/3/0/6/1", "/1/0", "/3303/0/5700", "/65535/65535/65535/65535",
        "/x",       ""};

static void check_line(srv_buf_t *out) {
    const char *text = srv_buf_cstr(out);
    if (strlen(text) != out->len || memchr(text, '\n', out->len) ||
        memchr(text, '\r', out->len)) {
        abort();
    }
}

/* Registration and Discover payloads are also parsed as links; what
 * renders must parse again into the same number of links. */
static void check_links(const uint8_t *data, size_t len) {
    srv_links_t links;
    char err[128];
    if (srv_link_parse((const char *) data, len, &links, err, sizeof(err))) {
        return;
    }
    srv_buf_t out;
    srv_buf_init(&out);
    srv_links_render(&links, &out);
    srv_links_t again;
    if (srv_link_parse(srv_buf_cstr(&out), out.len, &again, err, sizeof(err)) ||
        again.count != links.count) {
        abort();
    }
    srv_links_free(&again);
    srv_links_free(&links);
    srv_buf_free(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) {
        return 0;
    }
    int ct = FORMATS[(data[0] & 0x0f) % (sizeof(FORMATS) / sizeof(FORMATS[0]))];
    const char *path =
            PATHS[(data[0] >> 4) % (sizeof(PATHS) / sizeof(PATHS[0]))];
    const uint8_t *payload = data + 1;
    size_t len = size - 1;

    srv_buf_t out;
    srv_buf_init(&out);
    srv_decode_render(ct, payload, len, path, &out);
    check_line(&out);
    srv_buf_free(&out);

    if (ct == SRV_CT_LINK) {
        check_links(payload, len);
    }
    return 0;
}
