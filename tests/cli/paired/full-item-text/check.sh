# A question of 129 characters is printed whole (not cut at the 80 characters a message
# quotes), in Markdown as in every format.
grep -q "Hur ofta under de senaste fyra veckorna har du känt dig så nedstämd att ingenting har kunnat muntra upp dig, trots att du försökt |" actual.stdout
