// ncursesw for Swift: wide-character API on, and functions for what curses gives only as macros.
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

static inline int fd_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline int fd_attr_bold(void) { return (int)A_BOLD; }
static inline int fd_attr_reverse(void) { return (int)A_REVERSE; }
static inline int fd_attr_underline(void) { return (int)A_UNDERLINE; }
static inline int fd_attr_dim(void) { return (int)A_DIM; }
static inline int fd_key_f(int n) { return KEY_F(n); }
static inline int fd_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }
static inline WINDOW *fd_stdscr(void) { return stdscr; }
