/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <math.h>

#include <avsystem/commons/avs_log.h>

#include "attr_rules.h"

#define attr_log(Level, ...) avs_log(dm, Level, __VA_ARGS__)

bool tern_attr_valid(const anjay_dm_r_attributes_t *attrs) {
    const anjay_dm_oi_attributes_t *c = &attrs->common;
    if (c->min_period >= 0 && c->max_period >= 0 &&
        c->min_period > c->max_period) {
        attr_log(DEBUG, "attributes break pmin <= pmax (%ld > %ld)",
                 (long) c->min_period, (long) c->max_period);
        return false;
    }
    if (c->min_eval_period >= 0 && c->max_eval_period >= 0 &&
        c->min_eval_period >= c->max_eval_period) {
        attr_log(DEBUG, "attributes break epmin < epmax (%ld >= %ld)",
                 (long) c->min_eval_period, (long) c->max_eval_period);
        return false;
    }
    double step = 0.0;
    if (!isnan(attrs->step)) {
        if (attrs->step < 0.0) {
            attr_log(DEBUG, "attributes set a negative st");
            return false;
        }
        step = attrs->step;
    }
    if (!isnan(attrs->less_than) && !isnan(attrs->greater_than) &&
        attrs->less_than + 2.0 * step >= attrs->greater_than) {
        attr_log(DEBUG, "attributes break lt + 2 * st < gt");
        return false;
    }
    return true;
}

static void inherit_int(int32_t *inout, int32_t parent) {
    if (*inout < 0) {
        *inout = parent;
    }
}

static void inherit_double(double *inout, double parent) {
    if (isnan(*inout)) {
        *inout = parent;
    }
}

void tern_attr_inherit(anjay_dm_r_attributes_t *inout,
                       const anjay_dm_r_attributes_t *parent) {
    inherit_int(&inout->common.min_period, parent->common.min_period);
    inherit_int(&inout->common.max_period, parent->common.max_period);
    inherit_int(&inout->common.min_eval_period, parent->common.min_eval_period);
    inherit_int(&inout->common.max_eval_period, parent->common.max_eval_period);
    if (inout->common.con == ANJAY_DM_CON_ATTR_NONE) {
        inout->common.con = parent->common.con;
    }
    inherit_double(&inout->greater_than, parent->greater_than);
    inherit_double(&inout->less_than, parent->less_than);
    inherit_double(&inout->step, parent->step);
}

bool tern_attr_value_condition(const anjay_dm_r_attributes_t *attrs,
                               double last, double current) {
    bool has_gt = !isnan(attrs->greater_than);
    bool has_lt = !isnan(attrs->less_than);
    bool has_st = !isnan(attrs->step);
    if (!has_gt && !has_lt && !has_st) {
        return current != last;
    }
    if (has_gt &&
        (last > attrs->greater_than) != (current > attrs->greater_than)) {
        return true;
    }
    if (has_lt && (last < attrs->less_than) != (current < attrs->less_than)) {
        return true;
    }
    return has_st && fabs(current - last) >= attrs->step;
}

static avs_time_monotonic_t after(avs_time_monotonic_t base, int32_t seconds) {
    return avs_time_monotonic_add(
            base, avs_time_duration_from_scalar(seconds, AVS_TIME_S));
}

static avs_time_monotonic_t earliest(avs_time_monotonic_t a,
                                     avs_time_monotonic_t b) {
    if (!avs_time_monotonic_valid(a)) {
        return b;
    }
    if (!avs_time_monotonic_valid(b)) {
        return a;
    }
    return avs_time_monotonic_before(b, a) ? b : a;
}

static bool reached(avs_time_monotonic_t now, avs_time_monotonic_t deadline) {
    return !avs_time_monotonic_before(now, deadline);
}

tern_attr_decision_t tern_attr_decide(const anjay_dm_r_attributes_t *attrs,
                                      const tern_attr_observation_t *obs,
                                      bool changed, const double *new_numeric,
                                      avs_time_monotonic_t now) {
    const anjay_dm_oi_attributes_t *c = &attrs->common;
    int32_t pmin = c->min_period > 0 ? c->min_period : 0;
    /* A pmax below pmin, or zero, cannot be honoured and is ignored. */
    int32_t pmax =
            c->max_period > 0 && c->max_period >= pmin ? c->max_period : -1;
    int32_t epmin = c->min_eval_period > 0 ? c->min_eval_period : 0;
    int32_t epmax = c->max_eval_period > epmin ? c->max_eval_period : -1;

    tern_attr_decision_t decision = {false, AVS_TIME_MONOTONIC_INVALID, false};
    avs_time_monotonic_t base = obs->last_notify;
    bool pmax_due = pmax >= 0 && reached(now, after(base, pmax));

    bool condition = false;
    if (changed && !pmax_due) {
        if (epmin && avs_time_monotonic_valid(obs->last_eval) &&
            !reached(now, after(obs->last_eval, epmin))) {
            /* Too early to even look at the value. */
            decision.deferred = true;
            decision.next_check = after(obs->last_eval, epmin);
        } else if (new_numeric && obs->last_numeric) {
            condition = tern_attr_value_condition(attrs, obs->last_value,
                                                  *new_numeric);
        } else {
            condition = true;
        }
    }

    if (pmax_due || (condition && reached(now, after(base, pmin)))) {
        decision.notify = true;
        decision.deferred = false;
        base = now;
        decision.next_check = AVS_TIME_MONOTONIC_INVALID;
    } else if (condition) {
        decision.deferred = true;
        decision.next_check = after(base, pmin);
    }
    if (pmax >= 0) {
        decision.next_check = earliest(decision.next_check, after(base, pmax));
    }
    if (epmax >= 0) {
        avs_time_monotonic_t eval_base =
                decision.notify || !avs_time_monotonic_valid(obs->last_eval)
                        ? now
                        : obs->last_eval;
        decision.next_check =
                earliest(decision.next_check, after(eval_base, epmax));
    }
    return decision;
}
