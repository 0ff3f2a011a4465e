/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <math.h>

#include "dm_attr_convert.h"

#define ATTR_BIT(Attr) ((uint16_t) (1u << (Attr)))

void tern_dm_attrs_to_io(const anjay_dm_r_attributes_t *attrs, bool with_values,
                         tern_io_attrs_t *out) {
    tern_io_attrs_init(out);
    const anjay_dm_oi_attributes_t *c = &attrs->common;
    if (c->min_period >= 0) {
        out->set |= ATTR_BIT(TERN_IO_ATTR_PMIN);
        out->pmin = c->min_period;
    }
    if (c->max_period >= 0) {
        out->set |= ATTR_BIT(TERN_IO_ATTR_PMAX);
        out->pmax = c->max_period;
    }
    if (c->min_eval_period >= 0) {
        out->set |= ATTR_BIT(TERN_IO_ATTR_EPMIN);
        out->epmin = c->min_eval_period;
    }
    if (c->max_eval_period >= 0) {
        out->set |= ATTR_BIT(TERN_IO_ATTR_EPMAX);
        out->epmax = c->max_eval_period;
    }
    if (c->con != ANJAY_DM_CON_ATTR_NONE) {
        out->set |= ATTR_BIT(TERN_IO_ATTR_CON);
        out->con = c->con == ANJAY_DM_CON_ATTR_CON;
    }
    if (!with_values) {
        return;
    }
    if (!isnan(attrs->greater_than)) {
        out->set |= ATTR_BIT(TERN_IO_ATTR_GT);
        out->gt = attrs->greater_than;
    }
    if (!isnan(attrs->less_than)) {
        out->set |= ATTR_BIT(TERN_IO_ATTR_LT);
        out->lt = attrs->less_than;
    }
    if (!isnan(attrs->step)) {
        out->set |= ATTR_BIT(TERN_IO_ATTR_ST);
        out->st = attrs->step;
    }
}

static void apply_int(const tern_io_attrs_t *request, tern_io_attr_t attr,
                      int32_t value, int32_t *inout) {
    if (request->set & ATTR_BIT(attr)) {
        *inout = value;
    } else if (request->unset & ATTR_BIT(attr)) {
        *inout = ANJAY_ATTRIB_INTEGER_NONE;
    }
}

static void apply_double(const tern_io_attrs_t *request, tern_io_attr_t attr,
                         double value, double *inout) {
    if (request->set & ATTR_BIT(attr)) {
        *inout = value;
    } else if (request->unset & ATTR_BIT(attr)) {
        *inout = ANJAY_ATTRIB_DOUBLE_NONE;
    }
}

void tern_dm_attrs_apply_io(const tern_io_attrs_t *request,
                            anjay_dm_r_attributes_t *inout) {
    anjay_dm_oi_attributes_t *c = &inout->common;
    apply_int(request, TERN_IO_ATTR_PMIN, request->pmin, &c->min_period);
    apply_int(request, TERN_IO_ATTR_PMAX, request->pmax, &c->max_period);
    apply_int(request, TERN_IO_ATTR_EPMIN, request->epmin, &c->min_eval_period);
    apply_int(request, TERN_IO_ATTR_EPMAX, request->epmax, &c->max_eval_period);
    if (request->set & ATTR_BIT(TERN_IO_ATTR_CON)) {
        c->con = request->con ? ANJAY_DM_CON_ATTR_CON : ANJAY_DM_CON_ATTR_NON;
    } else if (request->unset & ATTR_BIT(TERN_IO_ATTR_CON)) {
        c->con = ANJAY_DM_CON_ATTR_NONE;
    }
    apply_double(request, TERN_IO_ATTR_GT, request->gt, &inout->greater_than);
    apply_double(request, TERN_IO_ATTR_LT, request->lt, &inout->less_than);
    apply_double(request, TERN_IO_ATTR_ST, request->st, &inout->step);
}
