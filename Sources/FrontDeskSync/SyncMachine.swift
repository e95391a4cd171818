// The sync agent: placeholder until the machine lands.
import FrontDeskLedger
