/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * The rules of the notification attributes (LwM2M 1.1 section 5.1.2), as
 * pure functions: which attribute sets are valid, and when an observation
 * has to produce a Notify. The session layer owns the observations; it
 * gets the effective attributes from tern_dm_effective_attrs() and asks
 * tern_attr_decide() what to do whenever the value may have changed or a
 * planned check is due.
 */
#ifndef TERN_LWM2M_ATTR_RULES_H
#define TERN_LWM2M_ATTR_RULES_H

#include <anjay/dm.h>

/**
 * Checks the relations between attributes: pmin <= pmax, epmin < epmax,
 * st >= 0 and lt + 2 * st < gt, for the attributes that are set.
 *
 * @param attrs Attributes (Object and Instance levels use @c common only,
 *              the rest unset).
 * @returns true if valid; otherwise false, with one log line naming the
 *          broken rule.
 */
bool tern_attr_valid(const anjay_dm_r_attributes_t *attrs);

/**
 * Fills every unset attribute of @p inout with the value in @p parent: how
 * attributes of an Object Instance apply to its Resources, and so on.
 *
 * @param inout  The more specific attributes.
 * @param parent The less specific ones.
 */
void tern_attr_inherit(anjay_dm_r_attributes_t *inout,
                       const anjay_dm_r_attributes_t *parent);

/** What the session layer remembers of one observation. */
typedef struct {
    /** When the last Notify (or the Observe response) was sent. */
    avs_time_monotonic_t last_notify;
    /** Whether the last sent value was numeric (gt, lt, st apply). */
    bool last_numeric;
    /** The last sent value, if numeric. */
    double last_value;
    /** When the value was last read for evaluation; invalid if never
     * since the last Notify. */
    avs_time_monotonic_t last_eval;
} tern_attr_observation_t;

/** What to do now and when to look again. */
typedef struct {
    /** Send a Notify now (with the current value). */
    bool notify;
    /** When to call tern_attr_decide() again even if nothing changes: the
     * end of pmin for a deferred change, pmax, or epmax (read the value
     * then). AVS_TIME_MONOTONIC_INVALID when only a change matters. After
     * a Notify the deadline is computed from @p now. */
    avs_time_monotonic_t next_check;
    /** A change was seen but pmin (or epmin) holds it back: pass
     * @c changed again at @c next_check. */
    bool deferred;
} tern_attr_decision_t;

/**
 * Decides about one observation.
 *
 * @param attrs       Effective attributes (inherited, with the Server
 *                    Object's default pmin / pmax filled in).
 * @param obs         State of the observation.
 * @param changed     Whether the value is known or suspected to have
 *                    changed (anjay_notify_changed, a Write, a deferred
 *                    change coming due). False for a plain timer check.
 * @param new_numeric The current value if it is numeric and was read, else
 *                    NULL. Without it gt / lt / st cannot filter, so any
 *                    change counts.
 * @param now         Current time.
 * @returns The decision.
 */
tern_attr_decision_t tern_attr_decide(const anjay_dm_r_attributes_t *attrs,
                                      const tern_attr_observation_t *obs,
                                      bool changed, const double *new_numeric,
                                      avs_time_monotonic_t now);

/**
 * Whether a numeric change from @p last to @p current satisfies gt, lt or
 * st (crossing a threshold, or moving by at least the step). With none of
 * them set, any difference does.
 *
 * @param attrs   Effective attributes.
 * @param last    Last notified value.
 * @param current Current value.
 * @returns true if a Notify is justified by the value.
 */
bool tern_attr_value_condition(const anjay_dm_r_attributes_t *attrs,
                               double last, double current);

#endif /* TERN_LWM2M_ATTR_RULES_H */
