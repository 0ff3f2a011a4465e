/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Value types of well-known resources. TLV carries no types, so without this
 * table a one-byte integer and a one-letter string look the same.
 */
#ifndef TERN_SERVER_MODEL_H
#define TERN_SERVER_MODEL_H

#include <stdint.h>

#include "server_records.h"

/** The type of resource @p rid of object @p oid, or SRV_V_NONE if the table
 * does not know it (executable resources are SRV_V_NONE too). */
srv_vtype_t srv_model_type(uint16_t oid, uint16_t rid);

#endif /* TERN_SERVER_MODEL_H */
