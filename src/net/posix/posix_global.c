/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Global state of the POSIX layer. There is none: every send passes
 * MSG_NOSIGNAL, so the process-wide SIGPIPE disposition, which belongs to the
 * application, is never touched.
 */
#include "net/net_hooks.h"

avs_error_t _avs_net_initialize_global_compat_state(void) {
    return AVS_OK;
}

void _avs_net_cleanup_global_compat_state(void) {
}
