/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* OMA LwM2M TLV (Content-Format 11542). */
#ifndef TERN_SERVER_TLV_H
#define TERN_SERVER_TLV_H

#include <stddef.h>
#include <stdint.h>

#include "server_buf.h"
#include "server_path.h"
#include "server_records.h"

/**
 * Decodes a TLV payload that answered a request on @p base: ids in the TLV
 * complete the path, value types come from server_model.h (or a guess for
 * resources it does not know); 0 or -1 with the reason in @p err.
 */
int srv_tlv_decode(const uint8_t *data, size_t len, const srv_path_t *base,
                   srv_records_t *out, char *err, size_t err_size);

/**
 * Encodes records (full paths, as in SenML) as the TLV payload of a Write
 * on @p target: object instances for an object, resources for an instance,
 * one (possibly multiple) resource for a resource.
 */
int srv_tlv_encode(const srv_records_t *recs, const srv_path_t *target,
                   srv_buf_t *out, char *err, size_t err_size);

#endif /* TERN_SERVER_TLV_H */
