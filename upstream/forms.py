from django import forms


class PrimerUploadForm(forms.Form):
    archive = forms.FileField(label="Archive (.zip or .tar.gz of the primer)", help_text="At most 200 MB.")
    dry_run = forms.BooleanField(required=False, label="Dry run: show the mapping, write nothing")
