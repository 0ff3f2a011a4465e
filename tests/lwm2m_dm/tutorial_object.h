/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* An application Object written the way Anjay's tutorials write them. */
#ifndef TERN_TEST_TUTORIAL_OBJECT_H
#define TERN_TEST_TUTORIAL_OBJECT_H

#include <anjay/dm.h>

/** Creates the "Greeting" Object (OID 1234); free with the release call. */
const anjay_dm_object_def_t **greeting_object_create(void);

/** Frees the Object. */
void greeting_object_release(const anjay_dm_object_def_t **def);

/** How many times Resource 3 (Say Hello) was executed. */
int greeting_object_hello_count(const anjay_dm_object_def_t **def);

#endif /* TERN_TEST_TUTORIAL_OBJECT_H */
