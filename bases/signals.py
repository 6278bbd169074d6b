from django.dispatch import Signal

# Sent by Base.change_status() after a change is recorded: sender=Base, base, change.
base_status_changed = Signal()

# Sent at every step of a review, once the step's transaction has committed (never for one
# that rolled back): sender=the reviewed model, subject, event (e.g. an ApplicationEvent.Kind
# or "expert_scored"), task (None when the process itself concludes), user, and message (the
# comment to the subject's owner, when there is one). Notifications listen to it.
review_transition = Signal()
