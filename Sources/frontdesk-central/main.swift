// frontdesk-central
print("frontdesk-central")
