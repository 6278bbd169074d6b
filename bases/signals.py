from django.dispatch import Signal

# Sent by Base.change_status() after a change is recorded: sender=Base, base, change.
base_status_changed = Signal()
