from django.dispatch import Signal

# Sent by Base.change_status() after a change is recorded: sender=Base, base, change.
base_status_changed = Signal()

# Sent at every step of an application's review: sender=Application, application, event (an
# ApplicationEvent.Kind or "expert_scored"), task, user, and message (the comment to the
# applicant, when there is one). Notifications listen to it.
application_transition = Signal()
