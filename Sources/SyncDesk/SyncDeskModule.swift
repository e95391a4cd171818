// The F8 Sync desk.
import FrontDeskShell
