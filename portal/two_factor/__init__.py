"""Second factor (TOTP) for the admin's accounts, on django-otp.

Who must use it is a group permission (``wagtailadmin.require_two_factor``, granted to the
department's staff, its leadership, the recommending departments and the experts), enforced
when ``settings.TWO_FACTOR_ENFORCED`` is on. Anyone who has set up an authenticator is asked
for a code at every login, whether or not the setting is on. Each setup comes with ten
one-time recovery codes; a user administrator can reset a lost device (``views.reset``).
"""
