/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "server_format.h"

#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    int ct;
} FORMATS[] = {
        {"text", SRV_CT_TEXT},
        {"link", SRV_CT_LINK},
        {"opaque", SRV_CT_OPAQUE},
        {"cbor", SRV_CT_CBOR},
        {"senml-json", SRV_CT_SENML_JSON},
        {"senml-cbor", SRV_CT_SENML_CBOR},
        {"tlv", SRV_CT_TLV},
        {"lwm2m-json", SRV_CT_LWM2M_JSON},
        {"lwm2m-cbor", SRV_CT_LWM2M_CBOR},
        /* The media types, for scripts that spell formats that way. */
        {"text/plain", SRV_CT_TEXT},
        {"application/link-format", SRV_CT_LINK},
        {"application/octet-stream", SRV_CT_OPAQUE},
        {"application/cbor", SRV_CT_CBOR},
        {"application/senml+json", SRV_CT_SENML_JSON},
        {"application/senml+cbor", SRV_CT_SENML_CBOR},
        {"application/vnd.oma.lwm2m+tlv", SRV_CT_TLV},
        {"application/vnd.oma.lwm2m+json", SRV_CT_LWM2M_JSON},
        {"application/vnd.oma.lwm2m+cbor", SRV_CT_LWM2M_CBOR},
};

int srv_format_parse(const char *text) {
    for (size_t i = 0; i < sizeof(FORMATS) / sizeof(FORMATS[0]); ++i) {
        if (strcmp(text, FORMATS[i].name) == 0) {
            return FORMATS[i].ct;
        }
    }
    if (!*text || strspn(text, "0123456789") != strlen(text) ||
        strlen(text) > 5) {
        return -1;
    }
    long v = strtol(text, NULL, 10);
    return v <= 65535 ? (int) v : -1;
}

const char *srv_format_name(int ct) {
    for (size_t i = 0; i < sizeof(FORMATS) / sizeof(FORMATS[0]); ++i) {
        if (FORMATS[i].ct == ct) {
            return FORMATS[i].name;
        }
    }
    return NULL;
}
