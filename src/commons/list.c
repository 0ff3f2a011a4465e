/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <avsystem/commons/avs_list.h>
#include <avsystem/commons/avs_memory.h>

#include <string.h>

/* Each allocation is [next pointer, padded to AVS_LIST_SPACE_FOR_NEXT__]
 * [element]; list pointers always point at the element part. */
static void *allocation_of(void *element) {
    return (char *) element - AVS_LIST_SPACE_FOR_NEXT__;
}

void **avs_list_next_slot__(const void *element) {
    return (void **) (intptr_t) ((const char *) element -
                                 AVS_LIST_SPACE_FOR_NEXT__);
}

static void *next_of(const void *element) {
    return *avs_list_next_slot__(element);
}

void *avs_list_new_buffer__(size_t size) {
    char *allocation;
    if (size > SIZE_MAX - AVS_LIST_SPACE_FOR_NEXT__) {
        return NULL;
    }
    allocation = (char *) avs_calloc(1, AVS_LIST_SPACE_FOR_NEXT__ + size);
    if (!allocation) {
        return NULL;
    }
    return allocation + AVS_LIST_SPACE_FOR_NEXT__;
}

void *avs_list_tail__(void *list) {
    if (list) {
        void *next;
        while ((next = next_of(list))) {
            list = next;
        }
    }
    return list;
}

void *avs_list_insert__(void **dest_ptr, void *new_list) {
    if (!new_list) {
        return NULL;
    }
    *avs_list_next_slot__(avs_list_tail__(new_list)) = *dest_ptr;
    *dest_ptr = new_list;
    return new_list;
}

void **avs_list_append_ptr__(void **list_ptr) {
    while (*list_ptr) {
        list_ptr = avs_list_next_slot__(*list_ptr);
    }
    return list_ptr;
}

void *avs_list_detach__(void **element_ptr) {
    void *element = *element_ptr;
    if (element) {
        void **next_slot = avs_list_next_slot__(element);
        *element_ptr = *next_slot;
        *next_slot = NULL;
    }
    return element;
}

void avs_list_delete__(void **element_ptr) {
    void *element = avs_list_detach__(element_ptr);
    if (element) {
        avs_free(allocation_of(element));
    }
}

size_t avs_list_size__(const void *list) {
    size_t count = 0;
    for (; list; list = next_of(list)) {
        ++count;
    }
    return count;
}

void *avs_list_nth__(void *list, size_t n) {
    for (; list && n; --n) {
        list = next_of(list);
    }
    return list;
}

void **avs_list_nth_ptr__(void **list_ptr, size_t n) {
    for (; *list_ptr && n; --n) {
        list_ptr = avs_list_next_slot__(*list_ptr);
    }
    return *list_ptr ? list_ptr : NULL;
}

void **avs_list_find_ptr__(void **list_ptr, const void *element) {
    for (; *list_ptr; list_ptr = avs_list_next_slot__(*list_ptr)) {
        if (*list_ptr == element) {
            return list_ptr;
        }
    }
    return NULL;
}

void **avs_list_find_by_value_ptr__(void **list_ptr, const void *value_ptr,
                                    avs_list_comparator_func_t comparator,
                                    size_t element_size) {
    for (; *list_ptr; list_ptr = avs_list_next_slot__(*list_ptr)) {
        if (comparator(*list_ptr, value_ptr, element_size) == 0) {
            return list_ptr;
        }
    }
    return NULL;
}

void *avs_list_simple_clone__(const void *list, size_t element_size) {
    void *copy = NULL;
    void **tail_slot = &copy;
    for (; list; list = next_of(list)) {
        void *element = avs_list_new_buffer__(element_size);
        if (!element) {
            while (copy) {
                avs_list_delete__(&copy);
            }
            return NULL;
        }
        memcpy(element, list, element_size);
        *tail_slot = element;
        tail_slot = avs_list_next_slot__(element);
    }
    return copy;
}

/* Merges two sorted lists; on ties the element of @p first comes first,
 * which is what makes the sort stable. */
static void *merge(void *first, void *second,
                   avs_list_comparator_func_t comparator, size_t element_size) {
    void *head = NULL;
    void **tail_slot = &head;
    while (first && second) {
        void **source =
                comparator(second, first, element_size) < 0 ? &second : &first;
        *tail_slot = *source;
        tail_slot = avs_list_next_slot__(*source);
        *source = *tail_slot;
    }
    *tail_slot = first ? first : second;
    return head;
}

void avs_list_sort__(void **list_ptr, avs_list_comparator_func_t comparator,
                     size_t element_size) {
    /* Bottom-up merge sort: runs[i] is empty or a sorted run of 2^i
     * elements, and every run holds elements that came before those of the
     * runs below it. Merging a higher run as the first argument therefore
     * keeps equal elements in their original order. No recursion, O(n log n)
     * comparisons, O(1) extra memory apart from this fixed array. */
    void *runs[sizeof(size_t) * 8] = {NULL};
    void *result = NULL;
    size_t i;
    while (*list_ptr) {
        void *carry = avs_list_detach__(list_ptr);
        for (i = 0; runs[i]; ++i) {
            carry = merge(runs[i], carry, comparator, element_size);
            runs[i] = NULL;
        }
        runs[i] = carry;
    }
    for (i = 0; i < AVS_ARRAY_SIZE(runs); ++i) {
        if (runs[i]) {
            result = merge(runs[i], result, comparator, element_size);
        }
    }
    *list_ptr = result;
}
