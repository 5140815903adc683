# tests/bench/formbody.pl ACTION < page.html — the urlencoded body a browser
# would send for the <form> whose action is ACTION, as the page fills it in
# (text, hidden and textarea values, checked boxes and radios, the selected
# option; disabled controls left out). Used by run.sh to replay a staff form
# save; perl because Debian always has it.
#
# tests/bench/formbody.pl --each ACTION FILE... — the same for many pages at
# once: ACTION holds @ID@, and each FILE is named ID.html; prints one line
# "ID BODY" per file (run.sh: every group's own form).
use strict; use warnings;
sub formbody {
my ($action, $html) = @_;
my ($form) = $html =~ m{<form\b[^>]*\baction="\Q$action\E"[^>]*>(.*?)</form>}si or die "no form $action\n";
sub attr { my ($tag, $a) = @_; return $tag =~ /\b$a="([^"]*)"/i ? $1 : undef }
sub dec { my $s = shift; $s =~ s/&lt;/</g; $s =~ s/&gt;/>/g; $s =~ s/&quot;/"/g; $s =~ s/&#0*39;/'/g; $s =~ s/&#x27;/'/gi; $s =~ s/&amp;/&/g; $s }
sub enc { my $s = shift; $s =~ s/([^A-Za-z0-9._~-])/sprintf("%%%02X", ord($1))/ge; $s }
my @pairs;
while ($form =~ m{(<input\b[^>]*>)|<textarea\b([^>]*)>(.*?)</textarea>|<select\b([^>]*)>(.*?)</select>}sgi) {
	if (defined $1) {
		my $t = $1; my $name = attr($t, 'name'); next unless defined $name;
		next if $t =~ /\bdisabled\b/i;
		my $type = lc(attr($t, 'type') // 'text');
		next if $type =~ /^(submit|button|image|file|reset)$/;
		next if $type =~ /^(checkbox|radio)$/ && $t !~ /\bchecked\b/i;
		push @pairs, [$name, dec(attr($t, 'value') // ($type eq 'checkbox' ? 'on' : ''))];
	} elsif (defined $2) {
		my $name = attr($2, 'name'); next unless defined $name; next if $2 =~ /\bdisabled\b/i;
		my $v = $3; $v =~ s/^\r?\n//; push @pairs, [$name, dec($v)];
	} else {
		my $name = attr($4, 'name'); next unless defined $name; next if $4 =~ /\bdisabled\b/i;
		my $opts = $5; my $val;
		while ($opts =~ m{<option\b([^>]*)>(.*?)(?=<option\b|$)}sgi) {
			my ($oa, $ot) = ($1, $2); my $ov = attr("<$oa>", 'value'); $ov = $ot unless defined $ov;
			$ot =~ s{</option>.*}{}s;
			$val = dec($ov) if !defined $val || $oa =~ /\bselected\b/i;
			last if $oa =~ /\bselected\b/i;
		}
		push @pairs, [$name, $val // ''];
	}
}
return join('&', map { enc($_->[0]) . '=' . enc($_->[1]) } @pairs);
}
local $/;
if (@ARGV && $ARGV[0] eq '--each') {
	shift;
	my $template = shift;
	for my $file (@ARGV) {
		my ($id) = $file =~ m{(\d+)\.html$} or die "$file: not ID.html\n";
		(my $action = $template) =~ s/\@ID\@/$id/g;
		open(my $fh, '<', $file) or die "$file: $!\n";
		my $html = <$fh>;
		close($fh);
		print "$id ", formbody($action, $html), "\n";
	}
	exit 0;
}
my $action = shift;
my $html = <STDIN>;
print formbody($action, $html), "\n";
