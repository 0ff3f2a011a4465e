/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * Conversions between the data model's attribute structs and the codec's
 * Write-Attributes / link-format representation (io/io_attrs.h).
 */
#ifndef TERN_LWM2M_DM_ATTR_CONVERT_H
#define TERN_LWM2M_DM_ATTR_CONVERT_H

#include <anjay/dm.h>

#include "../io/io_attrs.h"

/**
 * The attributes of @p attrs that are set, as a codec attribute set.
 *
 * @param attrs       The attributes.
 * @param with_values Whether to include gt, lt and st (Resource levels).
 * @param out         Receives the set.
 */
void tern_dm_attrs_to_io(const anjay_dm_r_attributes_t *attrs, bool with_values,
                         tern_io_attrs_t *out);

/**
 * Applies a Write-Attributes request to stored attributes: given values
 * replace, bare names unset, absent ones stay.
 *
 * @param request The parsed query.
 * @param inout   The attributes to update.
 */
void tern_dm_attrs_apply_io(const tern_io_attrs_t *request,
                            anjay_dm_r_attributes_t *inout);

#endif /* TERN_LWM2M_DM_ATTR_CONVERT_H */
