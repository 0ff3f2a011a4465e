/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* CoAP Content-Format numbers that LwM2M uses, and their command names. */
#ifndef TERN_SERVER_FORMAT_H
#define TERN_SERVER_FORMAT_H

#define SRV_CT_NONE (-1)
#define SRV_CT_TEXT 0
#define SRV_CT_LINK 40
#define SRV_CT_OPAQUE 42
#define SRV_CT_CBOR 60
#define SRV_CT_SENML_JSON 110
#define SRV_CT_SENML_CBOR 112
#define SRV_CT_TLV 11542
#define SRV_CT_LWM2M_JSON 11543
#define SRV_CT_LWM2M_CBOR 11544

/** Accepts a name ("tlv", "senml-json", ...), a media type
 * ("application/vnd.oma.lwm2m+tlv") or a decimal number in 0..65535; -1
 * otherwise. */
int srv_format_parse(const char *text);
/** The command name of a format, or NULL for numbers without one. */
const char *srv_format_name(int ct);

#endif /* TERN_SERVER_FORMAT_H */
