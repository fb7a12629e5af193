# The dev kit's per-directory list (its mk/subdir.mk reads it).
global-incdirs-y += include
srcs-y += hello_ta.c
