/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* The pure notification rules: validity, inheritance, decisions. */

#include <math.h>

#include "lwm2m/attr/attr_rules.h"
#include "tern_test.h"

static avs_time_monotonic_t at(int64_t s) {
    return avs_time_monotonic_from_scalar(s, AVS_TIME_S);
}

static int64_t secs(avs_time_monotonic_t t) {
    int64_t s = -1;
    if (avs_time_monotonic_valid(t)) {
        avs_time_monotonic_to_scalar(&s, AVS_TIME_S, t);
    }
    return s;
}

static tern_attr_observation_t observed(int64_t last_notify, double value) {
    tern_attr_observation_t obs = {at(last_notify), true, value,
                                   AVS_TIME_MONOTONIC_INVALID};
    return obs;
}

static void test_validity(void) {
    anjay_dm_r_attributes_t a = ANJAY_DM_R_ATTRIBUTES_EMPTY;
    TT_CHECK(tern_attr_valid(&a));
    a.common.min_period = 10;
    a.common.max_period = 10;
    TT_CHECK(tern_attr_valid(&a));
    a.common.max_period = 9;
    TT_CHECK(!tern_attr_valid(&a));
    a = ANJAY_DM_R_ATTRIBUTES_EMPTY;
    a.common.min_eval_period = 5;
    a.common.max_eval_period = 5;
    TT_CHECK(!tern_attr_valid(&a));
    a = ANJAY_DM_R_ATTRIBUTES_EMPTY;
    a.less_than = 1;
    a.greater_than = 5;
    TT_CHECK(tern_attr_valid(&a));
    a.step = 2;
    TT_CHECK(!tern_attr_valid(&a));
    a.step = 1.9;
    TT_CHECK(tern_attr_valid(&a));
    a = ANJAY_DM_R_ATTRIBUTES_EMPTY;
    a.step = -0.1;
    TT_CHECK(!tern_attr_valid(&a));
}

static void test_inheritance(void) {
    anjay_dm_r_attributes_t child = ANJAY_DM_R_ATTRIBUTES_EMPTY;
    anjay_dm_r_attributes_t parent = ANJAY_DM_R_ATTRIBUTES_EMPTY;
    child.common.min_period = 1;
    parent.common.min_period = 2;
    parent.common.max_period = 3;
    parent.common.con = ANJAY_DM_CON_ATTR_CON;
    parent.step = 0.5;
    tern_attr_inherit(&child, &parent);
    TT_EQ(child.common.min_period, 1);
    TT_EQ(child.common.max_period, 3);
    TT_EQ(child.common.con, ANJAY_DM_CON_ATTR_CON);
    TT_CHECK(child.step == 0.5);
    TT_CHECK(isnan(child.greater_than));
}

static void test_plain_change(void) {
    anjay_dm_r_attributes_t a = ANJAY_DM_R_ATTRIBUTES_EMPTY;
    tern_attr_observation_t obs = observed(100, 1);
    double v = 2;
    tern_attr_decision_t d = tern_attr_decide(&a, &obs, true, &v, at(101));
    TT_CHECK(d.notify);
    TT_CHECK(!d.deferred);
    TT_EQ(secs(d.next_check), -1);
    /* An unchanged numeric value is no reason to notify. */
    v = 1;
    d = tern_attr_decide(&a, &obs, true, &v, at(101));
    TT_CHECK(!d.notify);
    /* A timer check without a change does nothing. */
    d = tern_attr_decide(&a, &obs, false, NULL, at(500));
    TT_CHECK(!d.notify);
    TT_EQ(secs(d.next_check), -1);
}

static void test_pmin_defers(void) {
    anjay_dm_r_attributes_t a = ANJAY_DM_R_ATTRIBUTES_EMPTY;
    a.common.min_period = 10;
    tern_attr_observation_t obs = observed(100, 1);
    double v = 2;
    tern_attr_decision_t d = tern_attr_decide(&a, &obs, true, &v, at(105));
    TT_CHECK(!d.notify);
    TT_CHECK(d.deferred);
    TT_EQ(secs(d.next_check), 110);
    d = tern_attr_decide(&a, &obs, true, &v, at(110));
    TT_CHECK(d.notify);
}

static void test_pmax_forces(void) {
    anjay_dm_r_attributes_t a = ANJAY_DM_R_ATTRIBUTES_EMPTY;
    a.common.min_period = 5;
    a.common.max_period = 20;
    tern_attr_observation_t obs = observed(100, 1);
    tern_attr_decision_t d = tern_attr_decide(&a, &obs, false, NULL, at(110));
    TT_CHECK(!d.notify);
    TT_EQ(secs(d.next_check), 120);
    d = tern_attr_decide(&a, &obs, false, NULL, at(120));
    TT_CHECK(d.notify);
    TT_EQ(secs(d.next_check), 140);
    /* A pmax below pmin is ignored. */
    a.common.max_period = 3;
    d = tern_attr_decide(&a, &obs, false, NULL, at(200));
    TT_CHECK(!d.notify);
    TT_EQ(secs(d.next_check), -1);
}

static void test_thresholds(void) {
    anjay_dm_r_attributes_t a = ANJAY_DM_R_ATTRIBUTES_EMPTY;
    a.greater_than = 10;
    a.less_than = 0;
    TT_CHECK(tern_attr_value_condition(&a, 9, 11));
    TT_CHECK(tern_attr_value_condition(&a, 11, 9));
    TT_CHECK(!tern_attr_value_condition(&a, 11, 15));
    TT_CHECK(tern_attr_value_condition(&a, 1, -1));
    TT_CHECK(!tern_attr_value_condition(&a, 2, 5));
    a = ANJAY_DM_R_ATTRIBUTES_EMPTY;
    a.step = 2;
    TT_CHECK(!tern_attr_value_condition(&a, 1, 2.5));
    TT_CHECK(tern_attr_value_condition(&a, 1, 3));
    TT_CHECK(tern_attr_value_condition(&a, 1, -1));
    tern_attr_observation_t obs = observed(0, 1);
    double v = 2.5;
    TT_CHECK(!tern_attr_decide(&a, &obs, true, &v, at(50)).notify);
    v = 3.5;
    TT_CHECK(tern_attr_decide(&a, &obs, true, &v, at(50)).notify);
    /* Without a numeric reading the thresholds cannot filter. */
    TT_CHECK(tern_attr_decide(&a, &obs, true, NULL, at(50)).notify);
}

static void test_evaluation_periods(void) {
    anjay_dm_r_attributes_t a = ANJAY_DM_R_ATTRIBUTES_EMPTY;
    a.common.min_eval_period = 10;
    a.common.max_eval_period = 60;
    tern_attr_observation_t obs = observed(0, 1);
    obs.last_eval = at(100);
    double v = 5;
    tern_attr_decision_t d = tern_attr_decide(&a, &obs, true, &v, at(105));
    TT_CHECK(!d.notify);
    TT_CHECK(d.deferred);
    TT_EQ(secs(d.next_check), 110);
    d = tern_attr_decide(&a, &obs, true, &v, at(110));
    TT_CHECK(d.notify);
    TT_EQ(secs(d.next_check), 170);
    d = tern_attr_decide(&a, &obs, false, NULL, at(120));
    TT_CHECK(!d.notify);
    TT_EQ(secs(d.next_check), 160);
}

int main(void) {
    TT_RUN(test_validity);
    TT_RUN(test_inheritance);
    TT_RUN(test_plain_change);
    TT_RUN(test_pmin_defers);
    TT_RUN(test_pmax_forces);
    TT_RUN(test_thresholds);
    TT_RUN(test_evaluation_periods);
    return TT_SUMMARY();
}
