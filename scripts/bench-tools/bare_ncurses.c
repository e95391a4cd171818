/* The floor for `scripts/bench tui`: the least an ncurses program does to show a first screen. */
#include <locale.h>
#include <ncursesw/curses.h>

int main(void) {
    setlocale(LC_ALL, "");
    initscr();
    raw();
    noecho();
    keypad(stdscr, TRUE);
    mvaddstr(10, 10, "Sign in to FrontDesk");
    refresh();
    getch();
    endwin();
    return 0;
}
