/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "server_events.h"

#include "server_out.h"

static unsigned long g_pending[SRV_EV_COUNT];

void srv_event_emit(srv_event_t ev, const char *line) {
    srv_out_line("%s", line);
    ++g_pending[ev];
}

int srv_event_take(srv_event_t ev) {
    if (g_pending[ev] == 0) {
        return 0;
    }
    --g_pending[ev];
    return 1;
}
